import type { Rule } from '../rule.js';
import { invalidLabels } from '../lib/labels.js';

export const DL3054: Rule = {
  id: 'DL3054',
  severity: 'warning',
  description: 'A label typed "spdx" in label-schema must hold a valid SPDX license expression.',
  aliases: [],
  check: (ctx) => invalidLabels(ctx, 'spdx', 'a valid SPDX license expression'),
};
