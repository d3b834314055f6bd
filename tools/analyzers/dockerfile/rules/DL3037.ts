import type { Rule } from '../rule.js';
import { ZYPPER, unpinned } from '../lib/rpm.js';

export const DL3037: Rule = {
  id: 'DL3037',
  severity: 'warning',
  description: 'Pin versions in zypper install (`pkg=1.2.3` or `pkg>=1.2`).',
  aliases: [],
  check: (ctx) => unpinned({ ...ctx }, { ...ZYPPER, install: ['install', 'in'] }, (p) => /[=<>]/.test(p)),
};
