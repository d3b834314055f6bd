import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL org.opencontainers.image.licenses="MIT-ish"'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL org.opencontainers.image.licenses=MIT'), df('FROM alpine:3.20', 'LABEL org.opencontainers.image.licenses="Apache-2.0 OR MIT"')],
} satisfies RuleCases;
