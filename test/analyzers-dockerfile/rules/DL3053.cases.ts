import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL org.opencontainers.image.created="28 Nov 2026"'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL org.opencontainers.image.created=2026-11-28T06:00:00Z'), df('FROM alpine:3.20', 'LABEL org.opencontainers.image.created=$BUILD_DATE')],
} satisfies RuleCases;
