/**
 * For each shell-form RUN, the shell it runs in and the variable names it may use unassigned, tracked the way
 * hadolint's ShellCheck rule does:
 * - the shell is `/bin/sh -c` until a SHELL instruction (or a `# hadolint shell=NAME` comment) in the stage;
 * - ARG and ENV names are known from where they are declared to the end of the stage, plus the proxy variables
 *   Docker predefines; ARGs before the first FROM are not (a stage must declare them again);
 * - a stage built on an earlier one (`FROM base`) starts with that stage's shell and names, any other stage afresh;
 * - a `# hadolint shell=NAME` comment before any instruction sets the shell of every stage;
 * - an ONBUILD RUN sees only what earlier ONBUILD ARG / ENV / SHELL triggers set (hadolint checks triggers apart
 *   from the rest of the file), so a stage's ENV names are not known there.
 * Exec-form RUNs are not shell scripts and are left out.
 */
import type { Arg, Env, Shell } from 'dockerfile-ast';
import type { DockerfileModel, Instr, RunShell, Stage } from '../model.js';
import type { ShellSource } from '../shell/script.js';

export interface ShellState {
  /** The SHELL argv joined by spaces (`/bin/bash -o pipefail -c`). */
  readonly shell: string;
  readonly names: ReadonlySet<string>;
}

export interface RunContext extends ShellState {
  run: RunShell & { source: ShellSource };
  /** The line pragmas attach to: the RUN's, or its ONBUILD's. */
  instrLine: number;
}

export const DEFAULT_SHELL = '/bin/sh -c';
/** Docker passes these to every RUN without an ARG (hadolint's defaults). */
export const PROXY_NAMES: readonly string[] = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

const DEFAULT_STATE: ShellState = { shell: DEFAULT_SHELL, names: new Set(PROXY_NAMES) };
const SHELL_PRAGMA = /^#[ \t]*hadolint[ \t]+shell[ \t]*=[ \t]*(\S+)[ \t]*(?:#.*)?$/;

export function runContexts(model: DockerfileModel): RunContext[] {
  const runs = new Map<Instr, RunContext['run']>();
  for (const run of model.runs()) if (run.source.kind === 'shell') runs.set(run.instr, run as RunContext['run']);
  if (runs.size === 0) return [];
  const pragmas = shellPragmas(model);
  const out: RunContext[] = [];
  // `undefined` until the first instruction that sets something (hadolint's empty state).
  let current: ShellState | undefined;
  let fallback = DEFAULT_STATE;
  const stageStates = new Map<Stage, ShellState>();
  let stage: Stage | undefined;
  let triggers: ShellState | undefined;
  let p = 0;
  const set = (state: ShellState) => {
    current = state;
    if (stage) stageStates.set(stage, state);
  };
  for (const instr of model.all) {
    for (; p < pragmas.length && pragmas[p].line < instr.line; p++) {
      const shell = pragmas[p].shell;
      if (current === undefined) fallback = { ...fallback, shell };
      set({ ...(current ?? fallback), shell });
    }
    if (instr.onbuild) {
      if (instr.keyword === 'ARG' || instr.keyword === 'ENV') triggers = withNames(triggers ?? DEFAULT_STATE, declaredNames(instr));
      else if (instr.keyword === 'SHELL') triggers = { ...(triggers ?? DEFAULT_STATE), shell: shellOf(instr) };
      else if (instr.keyword === 'RUN') push(out, runs.get(instr), triggers ?? DEFAULT_STATE, instr.onbuild.line);
      continue;
    }
    switch (instr.keyword) {
      case 'FROM': {
        stage = instr.stage;
        const parent = stage?.parent && stageStates.get(stage.parent);
        set(parent ?? fallback);
        break;
      }
      case 'ARG':
      case 'ENV':
        set(withNames(current ?? DEFAULT_STATE, declaredNames(instr)));
        break;
      case 'SHELL':
        set({ ...(current ?? DEFAULT_STATE), shell: shellOf(instr) });
        break;
      case 'RUN':
        push(out, runs.get(instr), current ?? fallback, instr.line);
        break;
    }
  }
  return out;
}

function push(out: RunContext[], run: RunContext['run'] | undefined, state: ShellState, instrLine: number): void {
  if (run) out.push({ run, shell: state.shell, names: state.names, instrLine });
}

function withNames(state: ShellState, names: string[]): ShellState {
  return names.length ? { shell: state.shell, names: new Set([...state.names, ...names]) } : state;
}

function declaredNames(instr: Instr): string[] {
  return (instr.node as Arg | Env).getProperties().map((p) => p.getName());
}

function shellOf(instr: Instr): string {
  const node = instr.node as Shell;
  const argv = node.getJSONStrings().map((s) => s.getJSONValue());
  return argv.length ? argv.join(' ') : (node.getArgumentsContent() ?? '').trim();
}

/** `# hadolint shell=NAME` comment lines (1-based), outside instructions, in file order. */
function shellPragmas(model: DockerfileModel): { line: number; shell: string }[] {
  if (!/#[ \t]*hadolint[ \t]+shell/.test(model.text)) return [];
  const inside = new Set<number>();
  for (const instr of model.instructions) {
    const last = model.lineCol(instr.end).line;
    for (let l = instr.line; l <= last; l++) inside.add(l);
  }
  const out: { line: number; shell: string }[] = [];
  for (let i = 0; i < model.src.lineCount; i++) {
    if (inside.has(i + 1)) continue;
    const m = SHELL_PRAGMA.exec(model.src.lineText(i).trim());
    if (m) out.push({ line: i + 1, shell: m[1] });
  }
  return out;
}
