import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL org.opencontainers.image.source=github.com/acme/app'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL org.opencontainers.image.source=https://github.com/acme/app')],
} satisfies RuleCases;
