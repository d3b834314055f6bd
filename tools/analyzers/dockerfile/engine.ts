import type { Finding, Severity } from '../types.js';
import type { HadolintConfig } from './config.js';
import { DockerfileModel } from './model.js';
import { readPragmas, suppressedByPragma } from './pragmas.js';
import { RULES } from './registry.js';
import { BUILDKIT_CHECKS } from './lib/buildkit.js';
import type { Rule, RuleContext, RuleFix, RuleHit, RuleSeverity } from './rule.js';
import type { ProjectContext } from './project.js';
import type { ShellcheckOptions } from './shellcheck/options.js';

/** Larger inputs are not analysed: one DL1000 finding says so. */
export const MAX_DOCKERFILE_CHARS = 1024 * 1024;

export interface AnalyzeOptions {
  /** Path reported in findings. */
  file: string;
  config?: HadolintConfig;
  /** Default MAX_DOCKERFILE_CHARS. */
  maxChars?: number;
  /** Shell scripts longer than this are not parsed (default MAX_SHELL_SCRIPT_CHARS). */
  maxShellChars?: number;
  /** The project beside the Dockerfile (facts from its code), for the app-aware rules. */
  project?: ProjectContext;
  /** ShellCheck on the RUN scripts (`SC####` findings; async `analyzeDockerfile` only); `false` turns it off. */
  shellcheck?: ShellcheckOptions | false;
  /** Told what was not checked and why (no ShellCheck binary, ShellCheck failed); not findings. */
  onNotice?: (message: string) => void;
}

export interface FixCandidate extends RuleFix {
  rule: string;
  line: number;
}

export interface Analysis {
  findings: Finding[];
  fixes: FixCandidate[];
  /** The parsed file, when the rules ran (absent after a size limit, NUL bytes or syntax errors). */
  model?: DockerfileModel;
}

/** One pass of every rule over a Dockerfile; the shell parser must be loaded. Never throws. */
export function runAnalysis(text: string, opts: AnalyzeOptions, rules: readonly Rule[] = RULES): Analysis {
  const limit = opts.maxChars ?? MAX_DOCKERFILE_CHARS;
  if (text.length > limit) {
    // A limit, not a syntax error: its own id, as `check` reports its file-size limit (one limit, --max-file-bytes).
    return { findings: [{ rule: 'FILE-LIMIT', severity: 'warning', message: `file is larger than ${limit} characters (--max-file-bytes): not analyzed`, file: opts.file, line: 1, column: 1, aliases: [] }], fixes: [] };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return { findings: [inputError(opts.file, 'file contains NUL bytes: not a text Dockerfile')], fixes: [] };
  const config = opts.config ?? {};
  let model: DockerfileModel;
  try {
    model = new DockerfileModel(text, opts.maxShellChars === undefined ? {} : { maxChars: opts.maxShellChars });
  } catch (err) {
    return { findings: [inputError(opts.file, `cannot parse: ${(err as Error).message}`)], fixes: [] };
  }
  const ctx: RuleContext = {
    file: opts.file,
    text,
    model,
    settings: {
      trustedRegistries: config.trustedRegistries ?? [],
      labelSchema: config.labelSchema ?? {},
      strictLabels: config.strictLabels ?? false,
    },
    project: opts.project,
  };
  const pragmas = config.disableIgnorePragma ? undefined : safely(() => readPragmas(model, knownIds(rules)), undefined);
  const stageStarts = model.stages.map((s) => s.from.line);
  const overrides = overrideMap(config);
  const ignored = new Set(config.ignored ?? []);
  const findings: Finding[] = [];
  const fixes: FixCandidate[] = [];
  // Docker rejects a file with a syntax error: every one is reported, with its own line, and no other rule runs.
  const syntax = rules.find((r) => r.id === 'DL1000');
  const syntaxHits = syntax ? safely(() => syntax.check(ctx), []) : [];
  if (syntaxHits.length) {
    return {
      findings: syntaxHits.map((hit) => {
        const { line, column } = model.lineCol(hit.offset);
        return inputError(opts.file, hit.message ?? 'syntax error', line, column);
      }),
      fixes: [],
    };
  }
  for (const d of pragmas?.dropped ?? []) {
    findings.push({ rule: 'PRAGMA', severity: 'info', message: `ignore pragma names no known rule (${d.unknown.join(', ')}): the whole pragma is ignored, as hadolint does`, file: opts.file, line: d.line, column: 1, aliases: [] });
  }
  for (const rule of rules) {
    if (rule === syntax) continue;
    const ids = [rule.id, ...rule.aliases];
    const severity = severityOf(rule, ids, overrides);
    if (severity === 'ignore' || ids.some((id) => ignored.has(id))) continue;
    if (pragmas && (pragmas.checkSkipAll ? rule.aliases.some(isBuildkitName) || isBuildkitName(rule.id) : ids.some((id) => pragmas.checkSkip.has(id)))) continue;
    let hits: RuleHit[];
    try {
      hits = rule.check(ctx);
    } catch (err) {
      findings.push({ rule: rule.id, severity: 'warning', message: `internal error in rule: ${(err as Error).message}`, file: opts.file, line: 1, column: 1, aliases: [] });
      continue;
    }
    for (const hit of hits) {
      const instrLine = hit.instr ? (hit.instr.onbuild ?? hit.instr).line : model.lineCol(hit.offset).line;
      if (pragmas && suppressedByPragma(pragmas, ids, instrLine, stageStarts)) continue;
      const { line, column } = model.lineCol(hit.offset);
      let fix: RuleFix | undefined;
      if (rule.fix) {
        try {
          fix = rule.fix(ctx, hit);
        } catch {
          fix = undefined;
        }
      }
      const finding: Finding = { rule: rule.id, severity, message: hit.message ?? rule.description, file: opts.file, line, column, aliases: rule.aliases };
      if (fix) {
        finding.fixable = true;
        fixes.push({ ...fix, rule: rule.id, line });
      }
      findings.push(finding);
    }
  }
  findings.sort(byPosition);
  return { findings, fixes, model };
}

/** The order findings of one file are reported in: line, column, rule id. */
export function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

function isBuildkitName(id: string): boolean {
  return BUILDKIT_CHECKS.has(id);
}

function overrideMap(config: HadolintConfig): Map<string, Severity> {
  const map = new Map<string, Severity>();
  for (const [level, ids] of Object.entries(config.override ?? {})) for (const id of ids ?? []) map.set(id, level as Severity);
  return map;
}

function severityOf(rule: Rule, ids: string[], overrides: Map<string, Severity>): RuleSeverity {
  for (const id of ids) {
    const s = overrides.get(id);
    if (s) return s;
  }
  return rule.severity;
}

export function inputError(file: string, message: string, line = 1, column = 1): Finding {
  return { rule: 'DL1000', severity: 'error', message, file, line, column, aliases: [] };
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Names a pragma may list: hadolint's id alphabet (`DL…`, `SC…`) and every id and alias of ours. */
function knownIds(rules: readonly Rule[]): (id: string) => boolean {
  let ours = KNOWN_IDS.get(rules);
  if (!ours) KNOWN_IDS.set(rules, (ours = new Set(rules.flatMap((r) => [r.id, ...r.aliases]))));
  const set = ours;
  return (id) => /^[DLSC0-9]+$/.test(id) || set.has(id);
}
const KNOWN_IDS = new WeakMap<readonly Rule[], Set<string>>();
