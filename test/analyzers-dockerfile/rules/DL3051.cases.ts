import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { maintainer: 'text' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL maintainer=""'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL maintainer="me"'), df('FROM alpine:3.20', 'LABEL other=""')],
} satisfies RuleCases;
