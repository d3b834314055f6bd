import { runAnalysis } from './engine.js';
import type { AnalyzeOptions, FixCandidate } from './engine.js';
import type { Finding } from '../types.js';
import type { TextEdit } from './rule.js';

/** Rounds of fix-then-reanalyse; a fix can expose another (e.g. `apt` -> `apt-get` then `-y`). */
export const MAX_FIX_PASSES = 5;

export interface FixChange {
  rule: string;
  /** 1-based line in the text as it was when this fix applied. */
  line: number;
  description: string;
}

export interface FixResult {
  text: string;
  changes: FixChange[];
}

export interface FixOptions extends AnalyzeOptions {
  /** Default MAX_FIX_PASSES. */
  maxPasses?: number;
  /** Only fix these rule ids. */
  rules?: string[];
}

/**
 * Applies every safe fix, re-analysing after each round. A fix is kept only when the file still parses
 * with no new DL1000 finding and the finding it targets is gone: a fix never corrupts the file.
 */
export function applyFixes(text: string, opts: FixOptions): FixResult {
  const changes: FixChange[] = [];
  const maxPasses = opts.maxPasses ?? MAX_FIX_PASSES;
  let current = text;
  const rejected = new Set<string>();
  let state = runAnalysis(current, opts);
  for (let pass = 0; pass < maxPasses; pass++) {
    const { fixes, findings } = state;
    let currentFindings = findings;
    const wanted = fixes.filter((f) => (!opts.rules || opts.rules.includes(f.rule)) && !rejected.has(key(f)));
    if (wanted.length === 0) break;
    const chosen = nonOverlapping(wanted);
    // Usually every fix is fine: try them all at once and re-analyse once.
    const together = applyEdits(current, chosen.flatMap((f) => f.edits));
    const togetherState = runAnalysis(together, opts);
    if (together !== current && chosen.every((f) => improves(currentFindings, togetherState.findings, f.rule))) {
      current = together;
      state = togetherState;
      for (const fix of chosen) changes.push({ rule: fix.rule, line: fix.line, description: fix.description });
      continue;
    }
    // Otherwise find the culprits one at a time, from the end so earlier offsets stay valid.
    chosen.sort((a, b) => firstStart(b) - firstStart(a));
    let applied = 0;
    for (const fix of chosen) {
      const next = applyEdits(current, fix.edits);
      const nextFindings = next === current ? undefined : runAnalysis(next, opts).findings;
      if (!nextFindings || !improves(currentFindings, nextFindings, fix.rule)) {
        rejected.add(key(fix));
        continue;
      }
      current = next;
      currentFindings = nextFindings;
      applied++;
      changes.push({ rule: fix.rule, line: fix.line, description: fix.description });
    }
    if (applied === 0) break;
    state = runAnalysis(current, opts);
  }
  changes.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  return { text: current, changes };
}

function key(f: FixCandidate): string {
  return `${f.rule}:${f.description}:${JSON.stringify(f.edits)}`;
}

function firstStart(f: FixCandidate): number {
  return Math.min(...f.edits.map((e) => e.start));
}

function nonOverlapping(fixes: FixCandidate[]): FixCandidate[] {
  const taken: TextEdit[] = [];
  const out: FixCandidate[] = [];
  for (const fix of [...fixes].sort((a, b) => firstStart(a) - firstStart(b))) {
    const clash = fix.edits.some((e) => taken.some((t) => e.start < t.end + 1 && t.start < e.end + 1));
    if (clash) continue;
    taken.push(...fix.edits);
    out.push(fix);
  }
  return out;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    if (e.start < 0 || e.end > out.length || e.start > e.end) throw new Error(`edit out of range: ${e.start}-${e.end}`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

/** No new parse error, and fewer findings of the fixed rule. */
function improves(before: Finding[], after: Finding[], rule: string): boolean {
  const count = (list: Finding[], id: string) => list.filter((f) => f.rule === id).length;
  return count(after, 'DL1000') <= count(before, 'DL1000') && count(after, rule) < count(before, rule);
}
