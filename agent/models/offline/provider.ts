import { OFFLINE_MODEL } from '../aliases.js';
import type { AssistantMessage, ModelCallOptions, ModelProvider, ModelRequest } from '../types.js';
import { ModelError } from '../types.js';
import { expertScript } from './expert.js';
import { parseIntent } from './intent.js';
import { defaultKit, type ExpertKit } from './kit.js';
import type { GenerateOptions } from '../../../tools/generator/options.js';
import { nextTurn, toAssistantMessage } from './replay.js';

export interface OfflineProviderOptions {
  cwd: string;
  task: string;
  /** The definition's "Hands off to" targets. */
  handoffTargets: string[];
  /** Instruments; tests may pass their own. Defaults to the project's generator and analyzers. */
  kit?: ExpertKit;
  /** Generator options for the files it writes (e.g. local base images). */
  generate?: GenerateOptions;
}

/**
 * The built-in expert behind the model interface: deterministic, no network. It walks the five steps with real tool
 * calls; the loop runs them through the same permission executor as a Claude model's.
 */
export function createOfflineProvider(options: OfflineProviderOptions): ModelProvider {
  let kit: Promise<ExpertKit> | undefined;
  const intent = parseIntent(options.task);
  return {
    name: 'offline',
    async createMessage(request: ModelRequest, call: ModelCallOptions): Promise<AssistantMessage> {
      if (call.signal.aborted) throw new ModelError('aborted', 'the offline expert was cancelled');
      const instruments = await (kit ??= options.kit ? Promise.resolve(options.kit) : defaultKit(options.generate));
      const tools = new Set(request.tools.map((t) => t.name));
      const make = () => expertScript({ cwd: options.cwd, task: options.task, intent, tools, handoffTargets: options.handoffTargets, kit: instruments });
      const { turn, index } = await nextTurn(make, request.messages);
      const message = toAssistantMessage(turn, index, OFFLINE_MODEL);
      for (const [i, block] of message.content.entries()) call.onEvent?.({ type: 'block_done', index: i, block });
      return message;
    },
  };
}
