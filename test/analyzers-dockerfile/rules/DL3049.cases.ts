import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { maintainer: 'text', 'org.opencontainers.image.version': 'semver' } },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL maintainer=me'), line: 1, message: 'org.opencontainers.image.version' }],
  good: [df('FROM alpine:3.20', 'LABEL maintainer=me org.opencontainers.image.version=1.0.0'), { src: df('FROM alpine:3.20'), config: {} }],
} satisfies RuleCases;
