import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

function asWord(stage: { from: { node: { getArguments(): { getValue(): string }[] } } }): string | undefined {
  const args = stage.from.node.getArguments().map((a) => a.getValue());
  const i = args.findIndex((a) => a.toLowerCase() === 'as');
  return i > 0 ? args[i] : undefined;
}

export const FromAsCasing: Rule = {
  id: 'FromAsCasing',
  severity: 'warning',
  description: "The AS keyword's case should match the FROM keyword's case.",
  aliases: [],
  check({ model }) {
    return model.stages
      .filter((s) => {
        const as = asWord(s);
        if (!as) return false;
        const from = s.from.node.getInstruction();
        const fromUpper = from === from.toUpperCase();
        return fromUpper ? as !== 'AS' : from === from.toLowerCase() && as !== 'as';
      })
      .map((s) => hitAt(s.from, `"${asWord(s)}" does not match the case of "${s.from.node.getInstruction()}"`, s));
  },
  fix({ model }, hit) {
    const stage = hit.data as { from: { node: import('dockerfile-ast').From } };
    const arg = stage.from.node.getArguments().find((a) => a.getValue().toLowerCase() === 'as');
    if (!arg) return undefined;
    const [start, end] = model.src.rangeOffsets(arg.getRange());
    const upper = stage.from.node.getInstruction() === 'FROM';
    return { description: `AS casing matches FROM`, edits: [{ start, end, text: upper ? 'AS' : 'as' }] };
  },
};
