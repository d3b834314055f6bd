import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const StageNameCasing: Rule = {
  id: 'StageNameCasing',
  severity: 'warning',
  description: 'Stage names should be lower case.',
  aliases: [],
  check({ model }) {
    return model.stages.filter((s) => s.name && s.name !== s.name.toLowerCase()).map((s) => hitAt(s.from, `stage name "${s.name}" should be lower case`));
  },
};
