import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { duplicatesPerStage } from '../lib/duplicates.js';

export const DL4004: Rule = {
  id: 'DL4004',
  severity: 'error',
  description: 'A stage should have at most one ENTRYPOINT instruction.',
  aliases: ['MultipleInstructionsDisallowed', 'DS-0007', 'AVD-DS-0007'],
  check({ model }) {
    return duplicatesPerStage(model, 'ENTRYPOINT').map((i) => hitAt(i, 'more than one ENTRYPOINT in this stage: only the last one takes effect'));
  },
};
