import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'EXPOSE 22'), line: 2 }, { src: df('FROM debian:12', 'EXPOSE 80 22/tcp'), line: 2 }],
  good: [df('FROM debian:12', 'EXPOSE 2222 80')],
} satisfies RuleCases;
