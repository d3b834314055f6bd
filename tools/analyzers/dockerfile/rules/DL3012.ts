import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { duplicatesPerStage } from '../lib/duplicates.js';

export const DL3012: Rule = {
  id: 'DL3012',
  severity: 'error',
  description: 'A stage should have at most one HEALTHCHECK instruction.',
  aliases: ['MultipleInstructionsDisallowed', 'DS-0023', 'AVD-DS-0023'],
  check({ model }) {
    return duplicatesPerStage(model, 'HEALTHCHECK').map((i) => hitAt(i, 'more than one HEALTHCHECK in this stage: only the last one counts'));
  },
};
