import type { CommandPlan, PlanLimits, SimpleCommand } from '../shell/plan.js';
import { planBashCommand } from '../shell/simple-plan.js';
import { bashSpecifierMatches, compileBashSpecifier, literalLead, literalWords } from './bash-rule.js';
import { classifyContainerCommand, CONTAINER_PROGRAMS } from './container/index.js';
import type { FirewallLimits, ReachFinding } from './container/index.js';
import { guardedWriteReason, isSecretPath, resolvePath, rootOf, sensitiveWriteReason } from './paths.js';
import { CONNECTION_ENV, criticalRemovalTarget, EXEC_CAPABLE, SAFE_ENV_PREFIXES, STDIN_FILTERS, WRAPPERS, checkStdinFilter } from './programs.js';
import type { PermissionRule } from './rules.js';
import type { PermissionMode } from './types.js';

export interface BashPolicy {
  cwd: string;
  roots: string[];
  home: string;
  mode: PermissionMode;
  /** Every rule whose tool part names Bash (deny, ask, allow), the definition's `Bash(...)` entries included as allows. */
  rules: PermissionRule[];
  /** The definition's `Bash(...)` specifiers when it limits Bash to them; undefined when Bash is unrestricted. */
  capability?: string[];
  /** How messages name the definition (`the docker-expert definition`). */
  definitionLabel: string;
  dockerContext?: string;
  /** Limits on the manifests and compose files read to check a command. */
  firewallLimits?: Partial<FirewallLimits>;
  /** Longest command and most subcommands accepted. */
  planLimits?: PlanLimits;
  /** A matching allow rule for writing `abs` (Edit rules), if any. */
  editRule(abs: string, literal: string): PermissionRule | undefined;
  /** A matching allow rule for reading `abs` (Read rules), if any. */
  readRule(abs: string, literal: string): PermissionRule | undefined;
}

export interface BashVerdict {
  behavior: 'allow' | 'ask' | 'deny';
  reason: string;
  rule?: string;
}

/** One simple command's verdict; an ask always says what would allow it, a denial may. */
type StageVerdict =
  | { behavior: 'allow'; reason: string; rule?: string }
  | { behavior: 'ask'; reason: string; rule?: string; suggestion: string }
  | { behavior: 'deny'; reason: string; rule?: string; suggestion?: string };
type AskVerdict = Extract<StageVerdict, { behavior: 'ask' }>;
type DenyVerdict = Extract<StageVerdict, { behavior: 'deny' }>;

/** Checks a Bash command: parse, then every simple command against the rules, the mode and the container firewall. */
export async function checkBashCommand(command: string, policy: BashPolicy): Promise<BashVerdict> {
  const planned = await planBashCommand(command, { PWD: policy.cwd, HOME: policy.home }, policy.planLimits);
  if (!planned.ok) return { behavior: 'deny', reason: `Bash: ${planned.reason}. Nothing was run.` };
  return checkPlan(planned.plan, policy);
}

export function checkPlan(plan: CommandPlan, policy: BashPolicy): BashVerdict {
  const verdicts: StageVerdict[] = [];
  for (const step of plan.steps) {
    step.pipeline.stages.forEach((stage, i) => verdicts.push(checkStage(stage, i > 0, policy)));
  }
  return combineVerdicts(verdicts);
}

/**
 * The container firewall alone, for a caller that judges container commands only (Claude Code's main thread): the
 * stages that run docker, podman, kubectl or compose, by name, by path or through a wrapper (`sudo docker ...`,
 * `sh -c 'docker ...'`), each checked as checkPlan would; other programs are not judged. Undefined when there is none.
 */
export function checkContainerStages(plan: CommandPlan, policy: BashPolicy): BashVerdict | undefined {
  const verdicts: StageVerdict[] = [];
  for (const step of plan.steps) {
    // A stage judged here runs a container program or a wrapper, never a stdin filter: its pipe position changes nothing.
    for (const stage of step.pipeline.stages) {
      const { argv } = stage;
      if (isContainerProgram(argv[0])) verdicts.push(checkStage(stage, false, policy));
      // A wrapper's arguments may be a program and its words, or a whole shell command line in one word. (argv[0], the
      // wrapper or exec-capable program itself, is never a container program, so all of argv is searched.)
      else if (WRAPPERS.has(argv[0]) && argv.some((w) => w.split(/[\s;&|()`'"<>]/).some(isContainerProgram))) verdicts.push(checkStage(stage, false, policy));
      else if (EXEC_CAPABLE.has(argv[0]) && argv.some(isContainerProgram)) {
        verdicts.push({ behavior: 'deny', reason: `'${argv[0]}' would start ${argv.find(isContainerProgram)}; call it directly so the container firewall can check its flags.` });
      }
    }
  }
  return verdicts.length === 0 ? undefined : combineVerdicts(verdicts);
}

const isContainerProgram = (word: string): boolean => CONTAINER_PROGRAMS.has(word.slice(word.lastIndexOf('/') + 1));

function combineVerdicts(verdicts: StageVerdict[]): BashVerdict {
  const denied = verdicts.find((v): v is DenyVerdict => v.behavior === 'deny');
  if (denied) return { behavior: 'deny', reason: `${denied.reason}${denied.suggestion ? ` ${denied.suggestion}` : ''} Nothing was run.`, rule: denied.rule };
  const asks = verdicts.filter((v): v is AskVerdict => v.behavior === 'ask');
  if (asks.length > 0) return { behavior: 'ask', reason: asks.map((a) => `${a.reason} ${a.suggestion}`).join(' '), rule: asks[0].rule };
  const rules = verdicts.map((v) => v.rule).filter((r): r is string => !!r);
  return { behavior: 'allow', reason: verdicts.map((v) => v.reason).join('; '), rule: rules[0] };
}

function checkStage(stage: SimpleCommand, afterPipe: boolean, policy: BashPolicy): StageVerdict {
  const { argv, assignments } = stage;
  const program = argv[0];
  // The command as shown in messages (a simple command's text never starts or ends with a blank).
  const text = stage.text.replace(/\s+/g, ' ');
  const deny = (reason: string, suggestion?: string, rule?: string): DenyVerdict => ({ behavior: 'deny', reason, suggestion, rule });
  const full = [...assignments.map((a) => `${a.name}=${a.value}`), ...argv];

  if (program.includes('/')) return deny(`'${program}' is given by path; only programs found on PATH by their bare name are run.`);
  const bashRules = policy.rules;

  // Deny and ask rules match past any environment prefix, and against the canonical form of container commands.
  const container = CONTAINER_PROGRAMS.has(program)
    ? classifyContainerCommand(argv, { cwd: policy.cwd, roots: policy.roots, home: policy.home, stdinText: stage.redirections.stdin?.kind === 'text' ? stage.redirections.stdin.text : undefined, dockerContext: policy.dockerContext, limits: policy.firewallLimits })
    : undefined;
  const forms = container ? [argv, full, container.canonicalArgv] : [argv, full];
  const matching = (behavior: PermissionRule['behavior']): PermissionRule | undefined =>
    bashRules.find((r) => r.behavior === behavior && (r.specifier === undefined || forms.some((w) => bashSpecifierMatches(r.specifier as string, w))));
  const denyRule = matching('deny');
  if (denyRule) return deny(`'${text}' is denied by the rule ${describe(denyRule)}.`, undefined, denyRule.raw);
  const askRule = matching('ask');

  if (WRAPPERS.has(program)) return deny(`'${program}' runs other programs or changes how they run; it is never run. Call the program directly.`);

  /** Host escapes, each with the spellings a rule must name to allow it. */
  const escapes: { reason: string; flags: string[] }[] = [];
  for (const a of assignments) {
    if (CONNECTION_ENV.has(a.name)) escapes.push({ reason: `${a.name}=${a.value} points the command at another daemon, cluster or credential store`, flags: [a.name] });
    else if (!SAFE_ENV_PREFIXES.has(a.name)) {
      return deny(`the environment prefix ${a.name}= is not allowed (allowed: ${[...SAFE_ENV_PREFIXES].slice(0, 6).join(', ')}, ...).`);
    }
  }

  const isFilter = afterPipe && program in STDIN_FILTERS && assignments.length === 0;
  if (policy.capability && !isFilter && !policy.capability.some((spec) => bashSpecifierMatches(spec, argv))) {
    return deny(`${policy.definitionLabel} limits Bash to ${policy.capability.map((c) => `Bash(${c})`).join(', ')}; '${program}' is not one of them (change the definition's tools to run it).`);
  }

  // Redirections: files written are edits; a file read must be readable.
  const redirect = checkRedirections(stage, policy);
  if (redirect?.behavior === 'deny') return redirect;

  const allowRules = bashRules.filter((r) => r.behavior === 'allow');
  const allowMatch = (words: string[][], pred: (r: PermissionRule) => boolean = () => true): PermissionRule | undefined =>
    allowRules.find((r) => pred(r) && (r.specifier === undefined || words.some((w) => bashSpecifierMatches(r.specifier as string, w))));
  const safeForms = assignments.every((a) => SAFE_ENV_PREFIXES.has(a.name)) ? forms : [full];

  // What the command reaches: a container command by its findings, a stdin filter only reads, anything else is generic.
  let level: 'read' | 'change' | 'generic' = 'generic';
  let reason = `${program} is not a program the firewall classifies`;
  let subject = [program];
  let refused: ReachFinding | undefined;
  if (container) {
    refused = container.findings.find((f) => f.reach === 'refuse');
    for (const f of container.findings) if (f.reach === 'escape') escapes.push({ reason: f.reason, flags: f.flags ?? [] });
    level = container.findings.some((f) => f.reach === 'change') ? 'change' : 'read';
    subject = [program, ...container.subcommand.filter((w) => w !== '')];
    reason = container.findings.find((f) => f.reach === level)?.reason ?? subject.join(' ');
  } else if (isFilter) {
    const bad = checkStdinFilter(argv);
    if (bad) return deny(`${bad}.`);
    level = 'read';
    reason = `${program} filters the output`;
  } else if ((program === 'rm' || program === 'rmdir') && removalTargets(argv).some((t) => resolveLoose(t, policy).some((p) => criticalRemovalTarget(p, policy.home, policy.cwd)))) {
    return deny(`'${text}' would remove the filesystem root, a top-level folder, $HOME or the project; no rule allows that.`);
  }
  const suggestion = container
    ? `--allow 'Bash(${subject.join(' ')}:*)'`
    : EXEC_CAPABLE.has(program)
      ? `--allow '${exactRule(full)}' (${program} can run commands or write files, so only an exact rule approves it)`
      : `--allow 'Bash(${program}:*)'`;

  // Host escapes: denied unless a trusted rule that matches names the flag, or bypassPermissions.
  for (const e of escapes) {
    const named = allowMatch(safeForms, (r) => r.source.trusted && namesFlag(r, e.flags));
    if (!named && policy.mode !== 'bypassPermissions') {
      return deny(`host escape: ${e.reason}.`, `Only a rule that names it allows this, e.g. --allow '${exactRule(full)}', or --permission-mode bypassPermissions.`);
    }
  }

  if (refused && !allowMatch([full], (r) => r.source.trusted && isExact(r))) {
    return deny(`${refused.reason}.`, `It can be allowed only by a rule for this exact command: --allow '${exactRule(full)}'.`);
  }

  // Two verdicts: host reach (level) decides what a rule must name; changes-state decides plan mode (the read-only
  // workflow step asks the tool itself: planIsReadOnly in tools/bash). Plan mode refuses before any ask rule: no
  // answer makes a change there.
  const mutates = container?.mutates === true;
  const mode = policy.mode;
  if (mode === 'plan' && mutates) {
    return deny(`plan mode is read-only and '${text}' changes state: ${container!.mutation} (refused by the changes-state verdict; it reaches nothing outside the ${program === 'kubectl' ? 'cluster' : 'engine'}).`, 'Leave plan mode to run it.');
  }
  if (mode === 'plan' && level !== 'read') return deny(`plan mode is read-only and '${text}' changes things.`, `Leave plan mode to run it.`);

  if (askRule) return { behavior: 'ask', reason: `'${text}' matches the ask rule ${describe(askRule)}.`, rule: askRule.raw, suggestion: 'Approve it interactively (no allow rule overrides an ask rule).' };

  // (A redirection asks only in the default mode or for a sensitive file outside bypassPermissions.)
  if (level === 'read') {
    const rule = allowMatch(safeForms);
    if (rule || mode === 'plan' || mode === 'bypassPermissions' || isFilter) return redirect ?? { behavior: 'allow', reason, rule: rule?.raw };
    return { behavior: 'ask', reason: `${reason}, but no rule allows ${subject.join(' ')}.`, suggestion: `To allow it: ${suggestion}.` };
  }
  if (mode === 'bypassPermissions') return { behavior: 'allow', reason: `${reason} (bypassPermissions)` };
  // A program that can run commands or write files needs an exact rule; a change needs a rule that names at least the
  // subcommand (`kubectl apply`, `kubectl rollout`, `docker compose`), not just the program.
  const rule = level === 'generic'
    ? allowMatch(safeForms, (r) => !EXEC_CAPABLE.has(program) || isExact(r))
    : allowMatch(safeForms, (r) => r.specifier !== undefined && namesSubcommand(literalLead(r.specifier), subject));
  if (!rule) return { behavior: 'ask', reason: `${reason}.`, suggestion: `To allow it: ${suggestion}.` };
  return redirect ?? { behavior: 'allow', reason, rule: rule.raw };
}

/** Redirections: files written are edits, a file read must be readable. A denial, an ask, or undefined when fine. */
function checkRedirections(stage: SimpleCommand, policy: BashPolicy): AskVerdict | DenyVerdict | undefined {
  const { stdin, stdout, stderr } = stage.redirections;
  let ask: AskVerdict | undefined;
  for (const t of [stdout, stderr]) {
    if (t.kind !== 'file') continue;
    let r;
    try {
      r = resolvePath(t.path, { cwd: policy.cwd, home: policy.home });
    } catch (err) {
      return { behavior: 'deny', reason: `redirection to ${t.path}: ${(err as Error).message}.` };
    }
    const rule = policy.editRule(r.canonical, r.literal);
    const trusted = rule?.source.trusted === true && rule.specifier !== undefined;
    if (!rootOf(r.canonical, policy.roots) || !rootOf(r.literal, policy.roots)) {
      if (!trusted) return { behavior: 'deny', reason: `the redirection writes ${t.path} (${r.canonical}), outside the project.`, suggestion: `Redirect into the project, or --allow 'Edit(/${r.canonical})'.` };
      continue;
    }
    const guarded = guardedWriteReason(r.canonical, policy.roots) ?? guardedWriteReason(r.literal, policy.roots);
    if (guarded && !trusted) return { behavior: 'deny', reason: `the redirection writes ${t.path}: ${guarded}.`, suggestion: `Only --allow 'Edit(${t.path})' allows it.` };
    if (policy.mode === 'plan') return { behavior: 'deny', reason: `plan mode is read-only and the command writes ${t.path}.` };
    const sensitive = sensitiveWriteReason(r.canonical, policy.roots) ?? sensitiveWriteReason(r.literal, policy.roots);
    if (sensitive && policy.mode !== 'bypassPermissions') {
      ask = { behavior: 'ask', reason: `the redirection writes ${t.path}: ${sensitive}.`, suggestion: 'Approve it interactively or use --permission-mode bypassPermissions.' };
      continue;
    }
    if (policy.mode === 'default' && !rule) {
      ask ??= { behavior: 'ask', reason: `the command writes ${t.path}.`, suggestion: `To allow it: --allow 'Edit(${t.path})' or --permission-mode acceptEdits.` };
    }
  }
  if (stdin?.kind === 'file') {
    let r;
    try {
      r = resolvePath(stdin.path, { cwd: policy.cwd, home: policy.home });
    } catch (err) {
      return { behavior: 'deny', reason: `input ${stdin.path}: ${(err as Error).message}.` };
    }
    const rule = policy.readRule(r.canonical, r.literal);
    const trusted = rule?.source.trusted === true && rule.specifier !== undefined;
    if ((!rootOf(r.canonical, policy.roots) || !rootOf(r.literal, policy.roots)) && !trusted) {
      return { behavior: 'deny', reason: `the command reads ${stdin.path} (${r.canonical}), outside the project.`, suggestion: `Only --allow 'Read(/${r.canonical})' allows it.` };
    }
    if ((isSecretPath(r.canonical) || isSecretPath(r.literal)) && !trusted) {
      return { behavior: 'deny', reason: `the command reads ${stdin.path}, a secret file.`, suggestion: `Only --allow 'Read(${stdin.path})' allows it.` };
    }
  }
  return ask;
}

/**
 * Whether a rule's literal lead names the program and its subcommand (the first two words of `subject`, in order;
 * options between them are allowed: `Bash(kubectl -n prod apply:*)` names `kubectl apply`).
 */
function namesSubcommand(lead: string[], subject: string[]): boolean {
  let wanted = subject.slice(0, Math.min(2, subject.length));
  for (const w of lead) if (w === wanted[0]) wanted = wanted.slice(1);
  return wanted.length === 0;
}

function namesFlag(rule: PermissionRule, flags: string[]): boolean {
  if (rule.specifier === undefined) return false;
  const words = literalWords(rule.specifier);
  return words.some((w) => flags.some((f) => w === f || w.startsWith(`${f}=`) || (/^-[A-Za-z]$/.test(f) && w.startsWith(f))));
}

function isExact(rule: PermissionRule): boolean {
  return rule.specifier !== undefined && compileBashSpecifier(rule.specifier).every((p) => !p.any && p.literal !== undefined);
}

function exactRule(words: string[]): string {
  return `Bash(${words.map((w) => (/[\s'"]/.test(w) ? JSON.stringify(w) : w)).join(' ')})`;
}

function describe(rule: PermissionRule): string {
  return `${rule.raw} (${rule.source.label})`;
}

/** The operands of `rm`/`rmdir`: every word but the options, and every word after `--` (`rm -rf -- -h/` removes `-h/`). */
function removalTargets(argv: readonly string[]): string[] {
  const [, ...words] = argv;
  let options = true;
  return words.filter((w) => {
    // The first `--` ends the options and is no operand itself.
    if (options && w === '--') return (options = false);
    return !options || !w.startsWith('-');
  });
}

/** Where an rm target points, as written and through its links (`rm -rf homelink/` empties the folder the link names). */
function resolveLoose(target: string, policy: BashPolicy): string[] {
  try {
    const r = resolvePath(target, { cwd: policy.cwd, home: policy.home });
    return [r.literal, r.canonical];
  } catch {
    return ['/'];
  }
}
