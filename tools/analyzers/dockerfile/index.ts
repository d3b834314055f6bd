import { readFile } from 'node:fs/promises';
import type { Finding } from '../types.js';
import type { HadolintConfig } from './config.js';
import { byPosition, inputError, runAnalysis } from './engine.js';
import type { AnalyzeOptions } from './engine.js';
import { applyFixes } from './fix.js';
import type { FixOptions, FixResult } from './fix.js';
import { RULES } from './registry.js';
import type { RuleSeverity } from './rule.js';
import { loadShellParser, shellParserReady } from './shell/parser.js';
import { shellcheckFindings } from './shellcheck/index.js';

export { clearShellCache, configureShellCache, SHELL_CACHE_ENTRIES } from './shell/parser.js';

export { loadHadolintConfig, parseHadolintConfig, HadolintConfigError, HADOLINT_CONFIG_NAMES } from './config.js';
export type { HadolintConfig } from './config.js';
export type { AnalyzeOptions } from './engine.js';
export type { FixOptions, FixResult, FixChange } from './fix.js';
export { MAX_DOCKERFILE_CHARS } from './engine.js';
export { MAX_FIX_PASSES } from './fix.js';
export { MAX_SHELL_SCRIPT_CHARS } from './shell/parser.js';
export { SHELLCHECK_ENV, clearShellcheckCache } from './shellcheck/index.js';
export type { ShellcheckOptions } from './shellcheck/index.js';

export interface DockerfileRuleInfo {
  id: string;
  /** Default severity; `ignore` means off unless turned on by `override`. */
  severity: RuleSeverity;
  description: string;
  aliases: string[];
  fixable: boolean;
}

/** Every Dockerfile rule, for `explain` and docs. */
export const dockerfileRules: readonly DockerfileRuleInfo[] = RULES.map((r) => ({
  id: r.id,
  severity: r.severity,
  description: r.description,
  aliases: r.aliases,
  fixable: typeof r.fix === 'function',
}));

/** A rule by its id or by an alias (`JSONArgsRecommended`, `CKV_DOCKER_4`, `DS-0005`); ids win over aliases. */
export function findDockerfileRule(idOrAlias: string): DockerfileRuleInfo | undefined {
  const key = idOrAlias.trim().toLowerCase();
  return dockerfileRules.find((r) => r.id.toLowerCase() === key) ?? dockerfileRules.find((r) => r.aliases.some((a) => a.toLowerCase() === key));
}

/** Loads the shell grammar (once). After it resolves, the `*Sync` functions can be used. */
export function preloadDockerfileAnalyzer(): Promise<void> {
  return loadShellParser();
}

/**
 * Lints a Dockerfile's text. Parse problems come back as DL1000 findings; it never throws on bad input.
 * After the rules, ShellCheck checks the RUN scripts (`SC####` findings) when a `shellcheck` binary is found
 * (`opts.shellcheck`; `false` turns it off); without one, `opts.onNotice` is told the SC checks were skipped.
 */
export async function analyzeDockerfile(text: string, opts: AnalyzeOptions): Promise<Finding[]> {
  await loadShellParser();
  const analysis = runAnalysis(text, opts);
  if (!analysis.model || opts.shellcheck === false) return analysis.findings;
  const sc = await shellcheckFindings(analysis.model, { file: opts.file, config: opts.config, shellcheck: opts.shellcheck, maxShellChars: opts.maxShellChars, onNotice: opts.onNotice });
  return sc.length ? [...analysis.findings, ...sc].sort(byPosition) : analysis.findings;
}

/**
 * The rules of analyzeDockerfile without ShellCheck (no SC findings: ShellCheck is a process, this stays synchronous),
 * once `preloadDockerfileAnalyzer()` has resolved.
 */
export function analyzeDockerfileSync(text: string, opts: AnalyzeOptions): Finding[] {
  if (!shellParserReady()) throw new Error('call `await preloadDockerfileAnalyzer()` before analyzeDockerfileSync');
  return runAnalysis(text, opts).findings;
}

/** Reads and lints a file; an unreadable or non-UTF-8 file is a DL1000 finding. */
export async function analyzeDockerfileFile(path: string, opts: Partial<AnalyzeOptions> = {}): Promise<Finding[]> {
  const file = opts.file ?? path;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return [inputError(file, `cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)];
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return [inputError(file, 'file is not valid UTF-8 text')];
  }
  return analyzeDockerfile(text.replace(/^\uFEFF/, ''), { ...opts, file });
}

/** Applies the safe fixes, re-analysing between rounds; returns the new text and each change made. */
export async function fixDockerfile(text: string, opts: FixOptions): Promise<FixResult> {
  await loadShellParser();
  return applyFixes(text, opts);
}

/** Whether a severity is at or above a threshold (hadolint's default threshold is `info`; `none` never fails). */
export function meetsThreshold(severity: string, threshold: HadolintConfig['failureThreshold'] = 'info'): boolean {
  const order = ['error', 'warning', 'info', 'style'];
  if (threshold === 'none') return false;
  return order.indexOf(severity) >= 0 && order.indexOf(severity) <= order.indexOf(threshold);
}
