/**
 * Claude Code hooks for a run: `hooksForRun` loads them (settings files once per run tree, the definition's own for
 * each run), applies trust, and returns the HookSession that startRun plugs into the run.
 */
import path from 'node:path';
import type { AgentDefinition } from '../definition/types.js';
import type { Redactor } from '../redaction/index.js';
import { JOURNAL_FILE } from '../session/records.js';
import { HookSession } from './session.js';
import { definitionHooks, loadHookScope, trustedOnly, type HookScope, type HookTrustOptions } from './trust.js';

export { HookConfigError, HOOK_EVENTS, DEFAULT_HOOK_TIMEOUT_S } from './config.js';
export { HookSession } from './session.js';
export type { HookScope, HookTrustOptions } from './trust.js';

export interface RunHookOptions extends HookTrustOptions {
  definition: AgentDefinition;
  cwd: string;
  env: NodeJS.ProcessEnv;
  sessionId: string;
  sessionDir: string;
  permissionMode: string;
  model?: string;
  /** A resumed session or a chat's next message: SessionStart's source is `resume`. */
  resumed: boolean;
  /** Set for a Task sub-agent: its parent's scope (settings hooks and trust), its parent's session and journal. */
  parent?: { scope: HookScope; sessionId: string; transcriptPath: string };
  /** Said once per run (project hooks skipped, entries this runtime does not run). */
  onNotice?: (message: string) => void;
  /** The run's redactor: what a hook says passes it before it reaches the model, events, journal or telemetry. */
  redactor?: Redactor;
}

export function hooksForRun(options: RunHookOptions): { session: HookSession; scope: HookScope; transcriptPath: string } {
  const loaded = options.parent ? { scope: options.parent.scope, notices: [] } : loadHookScope(options.cwd, options.env, options);
  const own = definitionHooks(options.definition, options.cwd);
  const kept = trustedOnly([...loaded.scope.settings, ...own.commands], loaded.scope.trusted);
  for (const n of [...loaded.notices, ...own.notices, kept.notice]) if (n) options.onNotice?.(n);
  const transcriptPath = options.parent?.transcriptPath ?? path.join(options.sessionDir, JOURNAL_FILE);
  const session = new HookSession({
    commands: kept.commands,
    sessionId: options.parent?.sessionId ?? options.sessionId,
    transcriptPath,
    cwd: options.cwd,
    env: options.env,
    permissionMode: options.permissionMode,
    subagent: options.parent ? options.definition.name : undefined,
    source: options.resumed ? 'resume' : 'startup',
    model: options.model,
    redactor: options.redactor,
  });
  // Sub-agents share the settings hooks that may run; each adds its own definition's.
  return { session, scope: { ...loaded.scope, settings: kept.commands.filter((c) => c.origin !== 'agent') }, transcriptPath };
}
