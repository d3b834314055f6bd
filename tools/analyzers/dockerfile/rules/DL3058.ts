import type { Rule } from '../rule.js';
import { invalidLabels } from '../lib/labels.js';

export const DL3058: Rule = {
  id: 'DL3058',
  severity: 'warning',
  description: 'A label typed "email" in label-schema must hold an RFC 5322 email address.',
  aliases: [],
  check: (ctx) => invalidLabels(ctx, 'email', 'an RFC 5322 email address'),
};
