import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { duplicatesPerStage } from '../lib/duplicates.js';

export const DL4003: Rule = {
  id: 'DL4003',
  severity: 'warning',
  description: 'A stage should have at most one CMD instruction.',
  aliases: ['MultipleInstructionsDisallowed', 'DS-0016', 'AVD-DS-0016'],
  check({ model }) {
    return duplicatesPerStage(model, 'CMD').map((i) => hitAt(i, 'more than one CMD in this stage: only the last one takes effect'));
  },
};
