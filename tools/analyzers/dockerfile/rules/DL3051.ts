import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { allLabels } from '../lib/labels.js';

export const DL3051: Rule = {
  id: 'DL3051',
  severity: 'warning',
  description: 'A label from label-schema is empty.',
  aliases: [],
  check({ model, settings }) {
    return allLabels(model)
      .filter((l) => l.name in settings.labelSchema && l.value.trim() === '')
      .map((l) => hitAt(l.instr, `label "${l.name}" is empty`));
  },
};
