import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { override: { info: ['DL1001'] } },
  bad: [{ src: df('FROM alpine:3.20', '# hadolint ignore=DL3018', 'RUN apk add --no-cache curl'), line: 2 }],
  good: [df('FROM alpine:3.20', '# install curl', 'RUN apk add --no-cache curl=8.0.0-r0'), { src: df('FROM alpine:3.20', '# hadolint ignore=DL3018', 'RUN true'), config: {} }],
} satisfies RuleCases;
