import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL org.opencontainers.image.revision=main'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL org.opencontainers.image.revision=3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39')],
} satisfies RuleCases;
