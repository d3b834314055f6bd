import { OFFLINE_MODEL } from '../aliases.js';
import type { AssistantMessage, ModelCallOptions, ModelProvider, ModelRequest } from '../types.js';
import { ModelError } from '../types.js';
import { expertScript } from './expert.js';
import { parseIntent } from './intent.js';
import { defaultKit, type ExpertKit } from './kit.js';
import type { GenerateOptions } from '../../../tools/generator/options.js';
import { nextTurn, toAssistantMessage } from './replay.js';
import { DEFAULT_VERIFY_ROUNDS } from './verify/loop.js';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OfflineProviderOptions {
  cwd: string;
  task: string;
  /** The definition's "Hands off to" targets. */
  handoffTargets: string[];
  /** Instruments; tests may pass their own. Defaults to the project's generator and analyzers. */
  kit?: ExpertKit;
  /** Generator options for the files it writes (e.g. local base images). */
  generate?: GenerateOptions;
  /** Build, run and probe what it writes when an engine answers (default: on, 3 rounds). */
  verify?: { enabled: boolean; maxRounds: number };
  /** Names what the verify loop creates; the session id, so a resumed run names the same things. */
  runId?: string;
}

/**
 * The built-in expert behind the model interface: deterministic, no network. It walks the five steps with real tool
 * calls; the loop runs them through the same permission executor as a Claude model's.
 */
export function createOfflineProvider(options: OfflineProviderOptions): ModelProvider {
  let kit: Promise<ExpertKit> | undefined;
  const intent = parseIntent(options.task);
  let live = false;
  const runId = (options.runId ?? createHash('sha256').update(`${options.cwd}\0${options.task}\0${process.pid}\0${Date.now()}`).digest('hex'))
    .toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12);
  return {
    name: 'offline',
    async createMessage(request: ModelRequest, call: ModelCallOptions): Promise<AssistantMessage> {
      if (call.signal.aborted) throw new ModelError('aborted', 'the offline expert was cancelled');
      const instruments = await (kit ??= options.kit ? Promise.resolve(options.kit) : defaultKit(options.generate));
      const tools = new Set(request.tools.map((t) => t.name));
      const pause = (ms: number) => (live ? sleep(ms, undefined, { signal: call.signal }).catch(() => undefined) : Promise.resolve());
      const make = () => expertScript({
        cwd: options.cwd, task: options.task, intent, tools, handoffTargets: options.handoffTargets, kit: instruments,
        verify: options.verify ?? { enabled: true, maxRounds: DEFAULT_VERIFY_ROUNDS }, runId, pause,
      });
      const { turn, index } = await nextTurn(make, request.messages, (l) => { live = l; });
      const message = toAssistantMessage(turn, index, OFFLINE_MODEL);
      for (const [i, block] of message.content.entries()) call.onEvent?.({ type: 'block_done', index: i, block });
      return message;
    },
  };
}
