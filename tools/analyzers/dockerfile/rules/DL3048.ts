import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { allLabels } from '../lib/labels.js';

const RESERVED = /^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/;

/**
 * Docker's key guidelines as hadolint reads them: start with a lower-case letter, end with a letter or digit, only
 * `a-z 0-9 . - _ /` in between, no `..`/`--`, no reserved Docker namespace. A key built from a variable is reported
 * too: its value is not known when the image is labelled by tools.
 */
export function isValidLabelKey(key: string): boolean {
  if (RESERVED.test(key)) return false;
  return /^[a-z](?:[a-z0-9._\/-]*[a-z0-9])?$/.test(key) && !/\.\.|--/.test(key);
}

export const DL3048: Rule = {
  id: 'DL3048',
  severity: 'style',
  description: 'Label keys should be lower-case alphanumerics with `.`/`-` and not use reserved Docker namespaces.',
  aliases: [],
  check({ model }) {
    return allLabels(model)
      .filter((l) => !isValidLabelKey(l.name))
      .map((l) => hitAt(l.instr, `label key "${l.name}" is not a valid key`));
  },
};
