import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

const RESERVED = ['scratch', 'context'];

export const DL3063: Rule = {
  id: 'DL3063',
  severity: 'warning',
  description: 'Stage names must not be reserved words (`scratch`, `context`).',
  aliases: ['ReservedStageName'],
  check({ model }) {
    return model.stages
      .filter((s) => s.name && RESERVED.includes(s.name.toLowerCase()))
      .map((s) => hitAt(s.from, `"${s.name}" is reserved and cannot name a stage`));
  },
};
