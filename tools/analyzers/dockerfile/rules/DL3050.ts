import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { allLabels } from '../lib/labels.js';

export const DL3050: Rule = {
  id: 'DL3050',
  severity: 'info',
  description: 'With strict-labels, labels not in label-schema are superfluous.',
  aliases: [],
  check({ model, settings }) {
    if (!settings.strictLabels) return [];
    return allLabels(model)
      .filter((l) => !(l.name in settings.labelSchema))
      .map((l) => hitAt(l.instr, `label "${l.name}" is not in label-schema`));
  },
};
