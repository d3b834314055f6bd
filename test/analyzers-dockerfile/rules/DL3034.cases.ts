import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM opensuse/leap:15.6', 'RUN zypper install nginx=1.21 && zypper clean'), line: 2 }],
  good: [df('FROM opensuse/leap:15.6', 'RUN zypper --non-interactive install nginx=1.21'), df('FROM opensuse/leap:15.6', 'RUN zypper install -y nginx=1.21')],
  fixes: [{ src: df('FROM opensuse/leap:15.6', 'RUN zypper in nginx=1.21'), out: df('FROM opensuse/leap:15.6', 'RUN zypper in -y nginx=1.21') }],
} satisfies RuleCases;
