import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { finalImageLabels } from '../lib/labels.js';

export const DL3049: Rule = {
  id: 'DL3049',
  severity: 'info',
  description: 'A label required by label-schema is missing from the final image.',
  aliases: [],
  check({ model, settings }) {
    const final = model.finalStage;
    const required = Object.keys(settings.labelSchema);
    if (!final || required.length === 0) return [];
    const present = new Set(finalImageLabels(model).map((l) => l.name));
    return required.filter((r) => !present.has(r)).map((r) => hitAt(final.from, `label "${r}" is missing`));
  },
};
