import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM opensuse/leap:15.6', 'RUN zypper -n install nginx && zypper clean'), line: 2 }],
  good: [df('FROM opensuse/leap:15.6', 'RUN zypper -n install nginx=1.21 "git>=2.40" && zypper clean')],
} satisfies RuleCases;
