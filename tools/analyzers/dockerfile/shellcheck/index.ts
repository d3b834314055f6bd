/**
 * ShellCheck on the RUN scripts of a Dockerfile, as hadolint runs it: findings `SC####` with ShellCheck's level
 * as severity and its message. It runs the `shellcheck` binary found on the machine (GPL: not bundled), one process
 * per Dockerfile for all its RUNs, outside the synchronous rule pass. Without a binary, `onNotice` hears it once
 * per call and no SC finding is made.
 *
 * Where it differs from hadolint: a finding is at the line and column ShellCheck points at inside the RUN (hadolint
 * puts all at the RUN's first line), one per rule, message and line (hadolint: one per rule and message per RUN);
 * pragmas still attach to the RUN's first line. Comments about the `#!` line and exports we prepend (SC1008
 * unrecognised shebang, SC1071 unsupported shell, SC2239 relative interpreter) are dropped: they are about our
 * wrapper, not the script.
 */
import { SEVERITIES } from '../../types.js';
import type { Finding, Severity } from '../../types.js';
import type { HadolintConfig } from '../config.js';
import type { DockerfileModel } from '../model.js';
import { readPragmas, suppressedByPragma } from '../pragmas.js';
import { MAX_SHELL_SCRIPT_CHARS } from '../shell/parser.js';
import { runContexts } from './context.js';
import type { RunContext } from './context.js';
import { cachedComments, rememberComments } from './cache.js';
import { locateShellcheck } from './locate.js';
import { SHELLCHECK_ENV, SHELLCHECK_TIMEOUT_MS } from './options.js';
import type { ShellcheckOptions } from './options.js';
import { runShellcheck } from './run.js';
import type { ShellcheckComment } from './run.js';
import { shellcheckInput } from './script.js';
import type { ShellcheckInput } from './script.js';

export { SHELLCHECK_ENV } from './options.js';
export { clearShellcheckCache } from './cache.js';
export type { ShellcheckOptions } from './options.js';

export interface ShellcheckRunOptions {
  file: string;
  config?: HadolintConfig;
  shellcheck?: ShellcheckOptions;
  /** Scripts longer than this are not checked (default MAX_SHELL_SCRIPT_CHARS, as the shell parser). */
  maxShellChars?: number;
  onNotice?: (message: string) => void;
}

/** Said (once per call) when no ShellCheck binary is found; the same text for every file, so callers can say it once. */
export function missingShellcheckNotice(reason: string): string {
  return `ShellCheck not run (${reason}): the SC checks of RUN scripts were skipped. Install shellcheck, set ${SHELLCHECK_ENV} to its path, or turn it off (check --no-shellcheck, ${SHELLCHECK_ENV}=off)`;
}

/** `SC####` findings for the shell-form RUNs of a parsed Dockerfile. Never throws: a failure is a notice. */
export async function shellcheckFindings(model: DockerfileModel, opts: ShellcheckRunOptions): Promise<Finding[]> {
  try {
    return await findings(model, opts);
  } catch (err) {
    opts.onNotice?.(`ShellCheck step failed on ${opts.file}: ${(err as Error).message}; its SC checks were skipped`);
    return [];
  }
}

async function findings(model: DockerfileModel, opts: ShellcheckRunOptions): Promise<Finding[]> {
  const maxChars = opts.maxShellChars ?? MAX_SHELL_SCRIPT_CHARS;
  const jobs: { context: RunContext; input: ShellcheckInput }[] = [];
  for (const context of runContexts(model)) {
    if (context.run.source.script.length > maxChars) continue;
    const input = shellcheckInput(context.run.source, context.shell, context.names);
    if (input) jobs.push({ context, input });
  }
  if (jobs.length === 0) return [];
  const located = locateShellcheck(opts.shellcheck);
  if (located.kind === 'off') return [];
  if (located.kind === 'missing') {
    opts.onNotice?.(missingShellcheckNotice(located.reason));
    return [];
  }
  const comments = jobs.map((j) => cachedComments(located.binary, j.input.text));
  const missing = jobs.flatMap((j, i) => (comments[i] ? [] : [i]));
  if (missing.length) {
    let fresh: ShellcheckComment[][];
    try {
      fresh = await runShellcheck(located.binary, missing.map((i) => jobs[i].input.text), opts.shellcheck?.timeoutMs ?? SHELLCHECK_TIMEOUT_MS);
    } catch (err) {
      opts.onNotice?.(`ShellCheck (${located.binary}) failed on ${opts.file}: ${(err as Error).message}; its SC checks were skipped`);
      return [];
    }
    missing.forEach((jobIndex, k) => {
      comments[jobIndex] = fresh[k];
      rememberComments(located.binary, jobs[jobIndex].input.text, fresh[k]);
    });
  }
  return toFindings(model, opts, jobs, comments as (readonly ShellcheckComment[])[]);
}

function toFindings(model: DockerfileModel, opts: ShellcheckRunOptions, jobs: { context: RunContext; input: ShellcheckInput }[], comments: (readonly ShellcheckComment[])[]): Finding[] {
  const config = opts.config ?? {};
  const ignored = new Set(config.ignored ?? []);
  const overrides = new Map<string, Severity>();
  for (const [level, ids] of Object.entries(config.override ?? {})) for (const id of ids ?? []) overrides.set(id, level as Severity);
  let pragmas: ReturnType<typeof readPragmas> | undefined;
  try {
    pragmas = config.disableIgnorePragma ? undefined : readPragmas(model);
  } catch {
    pragmas = undefined;
  }
  const stageStarts = model.stages.map((s) => s.from.line);
  const findings: Finding[] = [];
  jobs.forEach(({ context, input }, i) => {
    const seen = new Set<string>();
    const inOrder = [...(comments[i] ?? [])].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const c of inOrder) {
      const rule = `SC${c.code}`;
      if (ignored.has(rule)) continue;
      if (pragmas && suppressedByPragma(pragmas, [rule], context.instrLine, stageStarts)) continue;
      const offset = input.scriptOffset(c.line, c.column);
      if (offset === undefined) continue;
      const { line, column } = model.lineCol(context.run.toFile(offset));
      const key = `${rule}\0${c.message}\0${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ rule, severity: overrides.get(rule) ?? severityOf(c.level), message: c.message, file: opts.file, line, column, aliases: [] });
    }
  });
  return findings;
}

/** ShellCheck's levels are hadolint's severities; anything else counts as an error, as in hadolint. */
function severityOf(level: string): Severity {
  return (SEVERITIES as readonly string[]).includes(level) ? (level as Severity) : 'error';
}
