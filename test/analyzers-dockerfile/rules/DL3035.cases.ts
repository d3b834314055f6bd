import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM opensuse/leap:15.6', 'RUN zypper -n dist-upgrade'), line: 2 }, { src: df('FROM opensuse/leap:15.6', 'RUN zypper dup -y'), line: 2 }],
  good: [df('FROM opensuse/leap:15.6', 'RUN zypper -n install nginx=1.21')],
} satisfies RuleCases;
