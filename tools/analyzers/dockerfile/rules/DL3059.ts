import { hitAt } from '../rule.js';
import type { Rule, Instr, RunShell } from '../rule.js';

function flagsOf(i: Instr): string {
  const node = i.node as unknown as { getFlags?: () => { toString(): string }[] };
  return (node.getFlags?.() ?? []).map(String).sort().join(' ');
}

/** The RUN runs several commands (`a && b`, `a; b`, a pipe): its author chose what goes in this layer. */
function chains(run: RunShell | undefined): boolean {
  let n = 0;
  for (const c of run?.analysis.commands ?? []) if (c.wrappedBy === undefined && c.substitutionOf === undefined && ++n > 1) return true;
  return false;
}

export const DL3059: Rule = {
  id: 'DL3059',
  severity: 'info',
  description: 'Consecutive single-command RUN instructions: consider merging them into one layer.',
  aliases: [],
  check({ model }) {
    const list = model.instructions;
    const runOf = new Map<Instr, RunShell>();
    for (const run of model.runs()) runOf.set(run.instr, run);
    return list
      .filter((i, n) => n > 0 && i.keyword === 'RUN' && list[n - 1].keyword === 'RUN' && flagsOf(i) === flagsOf(list[n - 1]) && !chains(runOf.get(i)) && !chains(runOf.get(list[n - 1])))
      .map((i) => hitAt(i, 'RUN right after another RUN: consider consolidating them'));
  },
};
