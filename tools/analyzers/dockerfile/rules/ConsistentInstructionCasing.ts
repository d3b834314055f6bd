import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const ConsistentInstructionCasing: Rule = {
  id: 'ConsistentInstructionCasing',
  severity: 'warning',
  description: 'Instruction keywords should all be upper case or all lower case.',
  aliases: [],
  check({ model }) {
    const words = model.instructions.map((i) => i.node.getInstruction());
    const upper = words.filter((w) => w === w.toUpperCase()).length;
    const lower = words.filter((w) => w === w.toLowerCase()).length;
    const wantUpper = upper >= lower;
    return model.instructions
      .filter((i) => {
        const w = i.node.getInstruction();
        return wantUpper ? w !== w.toUpperCase() : w !== w.toLowerCase();
      })
      .map((i) => hitAt(i, `"${i.node.getInstruction()}" should be ${wantUpper ? 'upper' : 'lower'} case like the other instructions`, wantUpper));
  },
  fix(_ctx, hit) {
    const instr = hit.instr!;
    const word = instr.node.getInstruction();
    return { description: `${word} -> ${hit.data ? word.toUpperCase() : word.toLowerCase()}`, edits: [{ start: instr.start, end: instr.start + word.length, text: hit.data ? word.toUpperCase() : word.toLowerCase() }] };
  },
};
