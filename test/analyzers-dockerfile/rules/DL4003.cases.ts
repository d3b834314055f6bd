import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'CMD ["a"]', 'CMD ["b"]'), line: 3 }],
  good: [df('FROM alpine:3.20 AS a', 'CMD ["a"]', 'FROM alpine:3.20', 'CMD ["b"]')],
} satisfies RuleCases;
