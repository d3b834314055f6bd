/**
 * The container firewall for calls outside a known agent (Claude Code's main thread): only commands that run
 * docker, podman, kubectl or compose are judged, as the shipped definition's `Bash(docker:*)`-style rules would judge
 * them (host escapes, refused flags, redirections out of the project); every other command is Claude Code's business.
 */
import { homedir } from 'node:os';
import type { BashPolicy, BashVerdict } from '../../permissions/bash-firewall.js';
import type { PermissionMode } from '../../permissions/types.js';

/** The container CLIs (container/index.ts CONTAINER_PROGRAMS; a test keeps the two equal), known without loading the firewall. */
export const CONTAINER_PROGRAM_NAMES = ['docker', 'podman', 'kubectl', 'docker-compose', 'podman-compose'];

/** The main thread's verdict; `wholeCommand`: every stage of the command was judged (only then may it be allowed). */
export type MainThreadVerdict = BashVerdict & { wholeCommand: boolean };

/**
 * Whether the text could start a container program, quotes and backslashes removed first (`d""ocker`, `do\cker`);
 * a command that cannot is not parsed at all, so the main thread's usual commands cost no parser start.
 */
export function mentionsContainerProgram(command: string): boolean {
  const plain = command.replace(/["'\\]/g, '');
  return CONTAINER_PROGRAM_NAMES.some((p) => plain.includes(p));
}

export async function checkMainThreadBash(command: string, ctx: { cwd: string; mode: PermissionMode; home?: string }): Promise<MainThreadVerdict | undefined> {
  if (!mentionsContainerProgram(command)) return undefined;
  const [{ checkContainerStages }, { realPathOf }, { parseRule }, { planBashCommand }] = await Promise.all([
    import('../../permissions/bash-firewall.js'),
    import('../../permissions/paths.js'),
    import('../../permissions/rules.js'),
    import('../../shell/simple-plan.js'),
  ]);
  const cwd = realPathOf(ctx.cwd);
  const home = ctx.home ?? homedir();
  const planned = await planBashCommand(command, { PWD: cwd, HOME: home });
  // A command that names a container program but cannot be read to the end (substitutions, loops) is not run blind.
  if (!planned.ok) return { behavior: 'deny', reason: `Bash: ${planned.reason}; the command names a container program, so it must be plain enough to check. Nothing was run.`, wholeCommand: true };
  const source = { label: 'the main-thread container firewall', trusted: false, root: cwd };
  const policy: BashPolicy = {
    cwd,
    roots: [cwd],
    home,
    mode: ctx.mode,
    rules: CONTAINER_PROGRAM_NAMES.map((p) => parseRule(`Bash(${p}:*)`, 'allow', source)),
    definitionLabel: 'the main thread',
    editRule: () => undefined,
    readRule: () => undefined,
  };
  const verdict = checkContainerStages(planned.plan, policy);
  if (!verdict) return undefined;
  const stages = planned.plan.steps.reduce((n, s) => n + s.pipeline.stages.length, 0);
  const judged = planned.plan.steps.every((s) => s.pipeline.stages.every((st) => CONTAINER_PROGRAM_NAMES.includes(st.argv[0])));
  return { ...verdict, wholeCommand: stages > 0 && judged };
}
