import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'), line: 3 }],
  good: [df('FROM alpine:3.20', 'ENTRYPOINT ["a"]', 'CMD ["b"]')],
} satisfies RuleCases;
