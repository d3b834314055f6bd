import type { Rule } from '../rule.js';
import { invalidLabels } from '../lib/labels.js';

export const DL3056: Rule = {
  id: 'DL3056',
  severity: 'warning',
  description: 'A label typed "semver" in label-schema must hold a semantic version.',
  aliases: [],
  check: (ctx) => invalidLabels(ctx, 'semver', 'a semantic version'),
};
