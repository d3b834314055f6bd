import type { Rule } from '../rule.js';
import { invalidLabels } from '../lib/labels.js';

export const DL3052: Rule = {
  id: 'DL3052',
  severity: 'warning',
  description: 'A label typed "url" in label-schema must hold a valid URL.',
  aliases: [],
  check: (ctx) => invalidLabels(ctx, 'url', 'a valid URL'),
};
