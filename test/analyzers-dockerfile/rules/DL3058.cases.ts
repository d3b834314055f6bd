import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { maintainer: 'email' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL maintainer="Jane Doe"'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL maintainer=jane@example.com')],
} satisfies RuleCases;
