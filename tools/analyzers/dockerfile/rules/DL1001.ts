import { readPragmas } from '../pragmas.js';
import type { Rule } from '../rule.js';

export const DL1001: Rule = {
  id: 'DL1001',
  severity: 'ignore',
  description: 'Avoid inline ignore pragmas (`# hadolint ignore=...`); configure ignores centrally instead.',
  aliases: [],
  check({ model }) {
    return readPragmas(model).list.map((p) => ({ offset: model.src.lineStarts[p.line - 1] }));
  },
};
