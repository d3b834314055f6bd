import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'run true', 'CMD ["sh"]'), line: 2 }, { src: df('from alpine:3.20', 'run true', 'CMD ["sh"]'), line: 3 }],
  good: [df('FROM alpine:3.20', 'RUN true'), df('from alpine:3.20', 'run true')],
  fixes: [{ src: df('FROM alpine:3.20', 'run true', 'Cmd ["sh"]'), out: df('FROM alpine:3.20', 'RUN true', 'CMD ["sh"]') }],
} satisfies RuleCases;
