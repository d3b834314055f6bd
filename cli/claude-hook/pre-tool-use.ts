/**
 * PreToolUse: Claude Code's tool call -> our permission gate -> Claude Code's hook answer.
 *  - a call inside an agent we have a definition for (`agent_type`): the gate of that definition, as `run` builds it;
 *    a denial is `deny`, a Bash call the firewall wants a person for is `ask`, anything else defers to Claude Code
 *    (`allow` with --allow-safe, for Bash commands the firewall allows);
 *  - any other call (the main thread, Claude Code's own agents): the container firewall on docker / podman / kubectl /
 *    compose commands only (`--main-thread containers`, the default), or nothing (`--main-thread off`).
 */
import path from 'node:path';
import type { PermissionDecision, PermissionMode } from '../../permissions/types.js';
import type { PreToolUseInput } from './input.js';

export const MAIN_THREAD_POLICIES = ['containers', 'off'] as const;
export type MainThreadPolicy = (typeof MAIN_THREAD_POLICIES)[number];

export interface PreToolUseOptions {
  /** Answer `allow` for Bash commands the firewall allows (default: defer to Claude Code's own permissions). */
  allowSafe?: boolean;
  /** What calls outside a known agent get (default `containers`). */
  mainThread?: MainThreadPolicy;
  /** `--agents-dir`: searched before `<cwd>/.claude/agents` and the package's own. */
  agentsDir?: string;
  home?: string;
}

/** What the hook tells Claude Code; undefined means nothing (Claude Code's own permission flow decides). */
export type PreToolUseAnswer = { decision: 'allow' | 'ask' | 'deny'; reason: string } | undefined;

/**
 * Claude Code's permission mode as the gate's: plan stays read-only and acceptEdits allows in-project edits; every other
 * mode (bypassPermissions, dontAsk, auto) is judged as default, so the firewall holds whatever mode Claude Code is in.
 */
export function gateMode(permissionMode: string | undefined): PermissionMode {
  return permissionMode === 'plan' || permissionMode === 'acceptEdits' ? permissionMode : 'default';
}

/** `plugin:agent` (a plugin's agent) is looked up by its own name. */
export function agentName(agentType: string): string {
  return agentType.slice(agentType.lastIndexOf(':') + 1);
}

export async function decidePreToolUse(input: PreToolUseInput, options: PreToolUseOptions = {}): Promise<PreToolUseAnswer> {
  const mode = gateMode(input.permission_mode);
  const cwd = path.resolve(input.cwd);
  const name = input.agent_type === undefined ? undefined : agentName(input.agent_type);
  const loadOptions = { cwd, agentsDir: options.agentsDir };
  // Loaded only for calls inside an agent: the main thread's usual call costs no definition, gate or YAML parser. The
  // loader itself, not definition/index.js: that one brings the parser (zod, yaml), which a cached definition never needs.
  if (name === undefined) return mainThread(input, mode, options);
  const { findAgent, loadAgents } = await import('../../agent/definition/load.js');
  const loaded = await loadAgents(loadOptions);
  const known = loaded.agents.some((a) => a.name === name) || loaded.errors.some((e) => path.basename(e.file, '.md') === name);
  if (!known) return mainThread(input, mode, options);

  // A broken definition named after the agent throws (DefinitionError naming file:line): the caller denies.
  const { definition } = await findAgent(name, loadOptions, loaded);
  let asked: PermissionDecision | undefined;
  const { createPermissionGate } = await import('../../permissions/index.js');
  const gate = createPermissionGate({
    definition,
    cwd,
    mode,
    home: options.home,
    // The gate turns an `ask` into a denial when nobody can approve; here Claude Code's user can, so keep the question.
    approver: async (_req, decision) => {
      asked = decision;
      return 'deny';
    },
  });
  const toolInput = input.tool_name === 'Bash' ? withoutBackground(input.tool_input) : input.tool_input;
  const decision = await gate.check({ toolName: input.tool_name, toolUseId: input.tool_use_id ?? 'hook', input: toolInput, readOnly: false });
  const reason = (d: PermissionDecision) => `docker-expert (${definition.name} agent): ${d.reason}`;
  if (asked) {
    // Only the firewall's questions are ours to ask; other tools' questions are Claude Code's own permission flow.
    return input.tool_name === 'Bash' ? { decision: 'ask', reason: reason(asked) } : undefined;
  }
  if (decision.behavior === 'deny') return { decision: 'deny', reason: reason(decision) };
  if (decision.behavior === 'allow' && options.allowSafe && input.tool_name === 'Bash') return { decision: 'allow', reason: reason(decision) };
  return undefined;
}

async function mainThread(input: PreToolUseInput, mode: PermissionMode, options: PreToolUseOptions): Promise<PreToolUseAnswer> {
  if ((options.mainThread ?? 'containers') === 'off' || input.tool_name !== 'Bash') return undefined;
  const command = input.tool_input.command;
  if (typeof command !== 'string') return { decision: 'deny', reason: 'docker-expert: Bash needs a command string.' };
  const { checkMainThreadBash } = await import('./main-thread.js');
  const verdict = await checkMainThreadBash(command, { cwd: path.resolve(input.cwd), mode, home: options.home });
  if (!verdict) return undefined;
  const reason = `docker-expert (container firewall): ${verdict.reason}`;
  if (verdict.behavior === 'deny') return { decision: 'deny', reason };
  if (verdict.behavior === 'allow' && options.allowSafe && verdict.wholeCommand) return { decision: 'allow', reason };
  return undefined;
}

/** Claude Code runs background commands itself; the firewall's verdict on the command is the same either way. */
function withoutBackground(toolInput: Record<string, unknown>): Record<string, unknown> {
  const { run_in_background: _ignored, ...rest } = toolInput;
  return rest;
}

/** The JSON Claude Code reads from a PreToolUse hook's stdout (exit 0); undefined: print nothing. */
export function preToolUseOutput(answer: PreToolUseAnswer): string | undefined {
  if (!answer) return undefined;
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: answer.decision, permissionDecisionReason: answer.reason } });
}
