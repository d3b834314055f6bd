import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL org.opencontainers.image.version=1.2'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL org.opencontainers.image.version=1.2.3-rc.1')],
} satisfies RuleCases;
