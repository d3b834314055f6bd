import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DL3024: Rule = {
  id: 'DL3024',
  severity: 'error',
  description: 'Stage names (FROM ... AS name) must be unique.',
  aliases: ['DuplicateStageName', 'CKV_DOCKER_11', 'DS-0012', 'AVD-DS-0012'],
  check({ model }) {
    const seen = new Set<string>();
    return model.stages
      .filter((s) => {
        if (!s.name) return false;
        const key = s.name.toLowerCase();
        if (seen.has(key)) return true;
        seen.add(key);
        return false;
      })
      .map((s) => hitAt(s.from, `stage name "${s.name}" is already used`));
  },
};
