import type { Rule } from '../rule.js';
import { invalidLabels } from '../lib/labels.js';

export const DL3053: Rule = {
  id: 'DL3053',
  severity: 'warning',
  description: 'A label typed "rfc3339" in label-schema must hold an RFC 3339 time.',
  aliases: [],
  check: (ctx) => invalidLabels(ctx, 'rfc3339', 'an RFC 3339 time'),
};
