import type { RuleFix, RuleHit, RunShell, ShellWord } from '../rule.js';

export interface WordFixData {
  run: RunShell;
  word: ShellWord;
}

/** Inserts ` flag` after a word of a RUN (e.g. after `install`), when the script maps exactly onto the file. */
export function insertAfter(hit: RuleHit, flag: string, description: string): RuleFix | undefined {
  const data = hit.data as WordFixData | undefined;
  if (!data || !data.run.exact) return undefined;
  const at = data.run.toFile(data.word.end);
  return { description, edits: [{ start: at, end: at, text: ` ${flag}` }] };
}

/** Replaces a word of a RUN. */
export function replaceWord(hit: RuleHit, text: string, description: string): RuleFix | undefined {
  const data = hit.data as WordFixData | undefined;
  if (!data || !data.run.exact) return undefined;
  const start = data.run.toFile(data.word.start);
  const end = data.run.toFile(data.word.end);
  if (end - start !== data.word.end - data.word.start) return undefined;
  return { description, edits: [{ start, end, text }] };
}
