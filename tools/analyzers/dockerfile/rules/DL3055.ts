import type { Rule } from '../rule.js';
import { invalidLabels } from '../lib/labels.js';

export const DL3055: Rule = {
  id: 'DL3055',
  severity: 'warning',
  description: 'A label typed "hash" in label-schema must hold a git commit hash.',
  aliases: [],
  check: (ctx) => invalidLabels(ctx, 'hash', 'a git commit hash'),
};
