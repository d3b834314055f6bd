import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { override: { info: ['DL3057'] } },
  bad: [{ src: df('FROM alpine:3.20', 'CMD ["sh"]'), line: 1 }],
  good: [df('FROM alpine:3.20', 'HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1'), { src: df('FROM alpine:3.20'), config: {} }],
} satisfies RuleCases;
