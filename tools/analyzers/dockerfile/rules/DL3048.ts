import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { allLabels } from '../lib/labels.js';

const RESERVED = /^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/;

/** Docker's key guidelines: lower-case alphanumerics, `.` and `-`, starting and ending with a letter or digit. */
export function isValidLabelKey(key: string): boolean {
  if (RESERVED.test(key)) return false;
  return /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(key) && !/[.-]{2}/.test(key);
}

export const DL3048: Rule = {
  id: 'DL3048',
  severity: 'style',
  description: 'Label keys should be lower-case alphanumerics with `.`/`-` and not use reserved Docker namespaces.',
  aliases: [],
  check({ model }) {
    return allLabels(model)
      .filter((l) => !l.name.includes('$') && !isValidLabelKey(l.name))
      .map((l) => hitAt(l.instr, `label key "${l.name}" is not a valid key`));
  },
};
