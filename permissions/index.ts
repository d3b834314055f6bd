/**
 * The permission gate every tool call goes through. Order of a decision:
 *  1. capability: a tool the definition does not list (or a bare deny removes) is denied;
 *  2. deny rules, then ask rules (deny wins in every mode, bypassPermissions included);
 *  3. hard limits that only a trusted rule naming the exact thing lifts (`--allow`, or a settings file the runner passes):
 *     paths outside the roots, secret files, guarded writes (.git/, .claude/, .mcp.json), Bash host escapes;
 *     Bash host escapes also pass in bypassPermissions;
 *  4. allow rules and the mode: plan is read-only, acceptEdits allows edits inside the project, default asks.
 * An `ask` goes to the approver; without one it becomes a denial naming the rule or flag that would allow it.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import type { BashPolicy } from './bash-firewall.js';
import type { FirewallLimits } from './container/index.js';
import type { PlanLimits } from '../shell/limits.js';
import { checkFileAccess, fileAccessOf } from './file-access.js';
import { realPathOf } from './paths.js';
import type { PermissionRule, RuleSource } from './rules.js';
import { parseRule, ruleNamesTool, RuleSyntaxError } from './rules.js';
import { loadSettingsFile, PermissionConfigError, toRuntimeMode } from './settings.js';
import { CANCELLED_BY_USER, type Approver, type GatedDefinition, type PermissionDecision, type PermissionGate, type PermissionMode, type PermissionRequest } from './types.js';

export type { Approver, PermissionDecision, PermissionGate, PermissionMode, PermissionRequest } from './types.js';
export { PermissionConfigError } from './settings.js';
export { isSecretPath, realPathOf, resolvePath, isInside } from './paths.js';

/** Runtime tools every agent with a workflow has; they are allowed unless a deny rule names them. */
export const ALWAYS_AVAILABLE_TOOLS = ['WorkflowStep', 'Handoff'];

export interface PermissionGateOptions {
  definition: GatedDefinition;
  /** The project root (`--cwd`); made canonical. */
  cwd: string;
  /** Further folders the tools may use (made canonical). */
  additionalDirs?: string[];
  /** `--permission-mode`; when absent: a trusted settings file's defaultMode, then the project's, then the definition's. */
  mode?: PermissionMode;
  /** `--allow` / `--deny` / extra ask rules, in Claude Code syntax. These are trusted. */
  allow?: string[];
  deny?: string[];
  ask?: string[];
  /** Allow rules the `--verify` option grants (building and running the agent's own image); trusted, labelled `--verify`. */
  verifyAllow?: string[];
  /** Further settings files the runner trusts (the user's `~/.claude/settings.json`); missing files are skipped. */
  settingsFiles?: string[];
  /** Read `<cwd>/.claude/settings.json` and `settings.local.json` (default true). */
  projectSettings?: boolean;
  /** `~` and `$HOME` (default: the user's home folder). */
  home?: string;
  /** Answers `ask` decisions in interactive runs; without it an `ask` becomes a denial that names what would allow it. */
  approver?: Approver;
  /** docker's current context name (a `--context` naming another one is a host escape); default `default`. */
  dockerContext?: string;
  /** Longest Bash command and most subcommands (defaults MAX_COMMAND_CHARS, MAX_SUBCOMMANDS). */
  bashLimits?: PlanLimits;
  /** Limits on the manifests and compose files the container firewall reads (defaults DEFAULT_FIREWALL_LIMITS). */
  firewallLimits?: Partial<FirewallLimits>;
}

export interface ConfiguredPermissionGate extends PermissionGate {
  readonly mode: PermissionMode;
  /** Canonical folders the tools are confined to, the project root first. */
  readonly roots: string[];
  readonly rules: readonly PermissionRule[];
  /** Non-fatal problems (ignored settings), each naming its file. */
  readonly warnings: string[];
  /** Whether the model should see the tool at all (in the definition's tools, not removed by a bare deny). */
  toolVisible(toolName: string): boolean;
}

const CLI_SOURCE_LABELS = { allow: '--allow', deny: '--deny', ask: '--ask' } as const;

/** Builds the gate every tool call goes through. Throws PermissionConfigError for a bad settings file or rule. */
export function createPermissionGate(options: PermissionGateOptions): ConfiguredPermissionGate {
  const home = options.home ?? homedir();
  const cwd = realPathOf(path.resolve(options.cwd));
  const warnings: string[] = [];
  const rules: PermissionRule[] = [];
  const def = options.definition;
  const defLabel = `the ${def.name} definition`;
  const defSource: RuleSource = { label: `${defLabel} (${def.file})`, trusted: false, root: cwd };

  for (const entry of def.disallowedTools) rules.push(parseOrThrow(entry.raw, 'deny', defSource, def.file));
  for (const entry of def.tools ?? []) {
    if (entry.specifier !== undefined || entry.tool.startsWith('mcp__')) rules.push(parseOrThrow(entry.raw, 'allow', defSource, def.file));
  }

  let modeFromSettings: PermissionMode | undefined;
  let disableBypass = false;
  const extraDirs: string[] = [];
  const projectFiles = options.projectSettings === false ? [] : ['settings.json', 'settings.local.json'].map((f) => path.join(cwd, '.claude', f));
  for (const [file, trusted] of [...projectFiles.map((f) => [f, false] as const), ...(options.settingsFiles ?? []).map((f) => [f, true] as const)]) {
    const loaded = loadSettingsFile(file, trusted ? path.dirname(path.dirname(file)) : cwd, trusted);
    if (!loaded) continue;
    rules.push(...loaded.rules);
    disableBypass ||= loaded.disableBypass;
    if (loaded.defaultMode) {
      if (loaded.defaultMode === 'bypassPermissions' && !trusted) warnings.push(`${file}: defaultMode bypassPermissions ignored: only --permission-mode or a user settings file can turn prompts off`);
      else if (trusted || modeFromSettings === undefined) modeFromSettings = loaded.defaultMode;
    }
    if (loaded.additionalDirectories.length > 0) {
      if (trusted) extraDirs.push(...loaded.additionalDirectories);
      else warnings.push(`${file}: additionalDirectories ignored: a project file cannot widen where the tools may go`);
    }
  }
  const cliSource = (behavior: keyof typeof CLI_SOURCE_LABELS): RuleSource => ({ label: CLI_SOURCE_LABELS[behavior], trusted: true, root: cwd });
  for (const behavior of ['deny', 'ask', 'allow'] as const) {
    for (const raw of options[behavior] ?? []) rules.push(parseOrThrow(raw, behavior, cliSource(behavior), CLI_SOURCE_LABELS[behavior]));
  }
  for (const raw of options.verifyAllow ?? []) rules.push(parseOrThrow(raw, 'allow', { label: '--verify', trusted: true, root: cwd }, '--verify'));

  let defMode: PermissionMode | undefined;
  if (def.permissionMode) {
    const m = toRuntimeMode(def.permissionMode);
    if (m === 'bypassPermissions') warnings.push(`${def.file}: permissionMode bypassPermissions ignored: only --permission-mode can turn prompts off`);
    else defMode = m;
  }
  const mode = options.mode ?? modeFromSettings ?? defMode ?? 'default';
  if (mode === 'bypassPermissions' && disableBypass) {
    throw new PermissionConfigError('settings', undefined, 'bypassPermissions is disabled by disableBypassPermissionsMode');
  }
  const roots = [cwd, ...[...(options.additionalDirs ?? []), ...extraDirs].map((d) => realPathOf(path.resolve(cwd, d)))];

  const capabilityEntries = def.tools;
  const available = (toolName: string): boolean => {
    if (ALWAYS_AVAILABLE_TOOLS.includes(toolName)) return true;
    if (!capabilityEntries) return true;
    return capabilityEntries.some((e) => e.tool === '*' || ruleNamesTool(e.tool, toolName));
  };
  const bareDenied = (toolName: string): PermissionRule | undefined =>
    rules.find((r) => r.behavior === 'deny' && r.specifier === undefined && ruleNamesTool(r.tool, toolName));

  const bashEntries = capabilityEntries?.filter((e) => e.tool === 'Bash');
  const bashCapability = !capabilityEntries || capabilityEntries.some((e) => e.tool === '*') || bashEntries?.some((e) => e.specifier === undefined)
    ? undefined
    : bashEntries?.map((e) => e.specifier as string);

  const fileRules = { rules, cwd, home, roots, mode };
  const bashPolicy: BashPolicy = {
    cwd,
    roots,
    home,
    mode,
    rules: rules.filter((r) => ruleNamesTool(r.tool, 'Bash')),
    capability: bashCapability,
    definitionLabel: defLabel,
    dockerContext: options.dockerContext,
    planLimits: options.bashLimits,
    firewallLimits: options.firewallLimits,
    editRule: (abs, literal) => fileAccessOf(fileRules, 'Edit').allowRuleFor(abs, literal),
    readRule: (abs, literal) => fileAccessOf(fileRules, 'Read').allowRuleFor(abs, literal),
  };
  const remembered = new Set<string>();

  const decide = async (req: PermissionRequest): Promise<PermissionDecision> => {
    const tool = req.toolName === 'Agent' ? 'Task' : req.toolName;
    if (!available(tool)) return { behavior: 'deny', reason: `${defLabel} does not give the agent the ${tool} tool.` };
    const denied = bareDenied(tool);
    if (denied) return { behavior: 'deny', reason: `${tool} is denied by ${denied.raw} (${denied.source.label}).`, rule: denied.raw };
    if (tool === 'Bash') {
      const input = req.input as { command?: unknown; run_in_background?: unknown };
      if (typeof input?.command !== 'string') return { behavior: 'deny', reason: 'Bash needs a command string.' };
      if (input.run_in_background === true) return { behavior: 'deny', reason: 'Bash: run_in_background is not supported; run the command in the foreground (it has a timeout).' };
      // The firewall (the container checks, the planner) is imported by the first Bash call, not at start-up.
      const { checkBashCommand } = await import('./bash-firewall.js');
      const v = await checkBashCommand(input.command, bashPolicy);
      return { behavior: v.behavior, reason: v.reason, ...(v.rule ? { rule: v.rule } : {}) };
    }
    const fileDecision = checkFileAccess(fileRules, tool, req.input);
    if (fileDecision) return fileDecision;
    return checkOtherTool(tool, req, rules, mode);
  };

  return {
    mode,
    roots,
    rules,
    warnings,
    toolVisible: (toolName) => available(toolName === 'Agent' ? 'Task' : toolName) && !bareDenied(toolName === 'Agent' ? 'Task' : toolName),
    async check(req) {
      const key = `${req.toolName}\0${JSON.stringify(req.input)}`;
      let decision: PermissionDecision;
      try {
        decision = await decide(req);
      } catch (err) {
        // Deny by default: a check that cannot finish (an unreadable manifest, ...) never lets the call through.
        return { behavior: 'deny', reason: `the permission check could not finish: ${(err as Error).message}` };
      }
      if (decision.behavior !== 'ask') return decision;
      if (remembered.has(key)) return { behavior: 'allow', reason: `approved earlier in this session: ${decision.reason}`, rule: decision.rule };
      if (!options.approver) {
        return { behavior: 'deny', reason: `needs approval and nobody can approve in this run. ${decision.reason}`, rule: decision.rule };
      }
      const answer = await options.approver(req, decision);
      if (answer === 'always') remembered.add(key);
      if (answer === 'deny') return { behavior: 'deny', reason: `the user declined: ${decision.reason}`, rule: decision.rule };
      if (answer === 'cancel') return { behavior: 'deny', reason: `${CANCELLED_BY_USER}: ${decision.reason}`, rule: decision.rule };
      return { behavior: 'allow', reason: `the user approved: ${decision.reason}`, rule: decision.rule };
    },
  };
}

function checkOtherTool(tool: string, req: PermissionRequest, rules: PermissionRule[], mode: PermissionMode): PermissionDecision {
  const input = req.input as { subagent_type?: unknown } | undefined;
  const matches = (r: PermissionRule): boolean => {
    if (!ruleNamesTool(r.tool, tool)) return false;
    if (r.specifier === undefined) return true;
    if (tool === 'Task') return r.specifier.split(',').map((s) => s.trim()).includes(String(input?.subagent_type ?? 'general-purpose'));
    return false;
  };
  const deny = rules.find((r) => r.behavior === 'deny' && matches(r));
  if (deny) return { behavior: 'deny', reason: `${tool} is denied by ${deny.raw} (${deny.source.label}).`, rule: deny.raw };
  const ask = rules.find((r) => r.behavior === 'ask' && matches(r));
  if (ask) return { behavior: 'ask', reason: `${tool} matches the ask rule ${ask.raw} (${ask.source.label}).`, rule: ask.raw };
  if (ALWAYS_AVAILABLE_TOOLS.includes(tool) || tool === 'Task') return { behavior: 'allow', reason: `${tool} is part of the agent's workflow` };
  const allow = rules.find((r) => r.behavior === 'allow' && matches(r));
  if (allow) return { behavior: 'allow', reason: `allowed by ${allow.raw} (${allow.source.label})`, rule: allow.raw };
  if (req.readOnly) return { behavior: 'allow', reason: `${tool} changes nothing` };
  if (mode === 'plan') return { behavior: 'deny', reason: `plan mode is read-only and ${tool} may change things.` };
  if (mode === 'bypassPermissions') return { behavior: 'allow', reason: `${tool} (bypassPermissions)` };
  return { behavior: 'ask', reason: `${tool} may change things. To allow it: --allow '${tool}'.` };
}

function parseOrThrow(raw: string, behavior: PermissionRule['behavior'], source: RuleSource, file: string): PermissionRule {
  try {
    return parseRule(raw, behavior, source);
  } catch (err) {
    if (err instanceof RuleSyntaxError) throw new PermissionConfigError(file, undefined, err.message);
    throw err;
  }
}
