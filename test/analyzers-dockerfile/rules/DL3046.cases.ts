import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN useradd -u 123456 app'), line: 2 }, { src: df('FROM debian:12', 'RUN useradd --uid=100000 app'), line: 2 }],
  good: [df('FROM debian:12', 'RUN useradd -l -u 123456 app'), df('FROM debian:12', 'RUN useradd -u 99999 app'), df('FROM debian:12', 'RUN useradd --no-log-init --uid 200000 app')],
  fixes: [{ src: df('FROM debian:12', 'RUN useradd -u 123456 app'), out: df('FROM debian:12', 'RUN useradd -l -u 123456 app') }],
} satisfies RuleCases;
