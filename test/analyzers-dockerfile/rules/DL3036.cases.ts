import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM opensuse/leap:15.6', 'RUN zypper -n install nginx=1.21'), line: 2 }],
  good: [df('FROM opensuse/leap:15.6', 'RUN zypper -n install nginx=1.21 && zypper clean'), df('FROM opensuse/leap:15.6', 'RUN zypper -n in nginx=1.21 && zypper cc -a')],
} satisfies RuleCases;
