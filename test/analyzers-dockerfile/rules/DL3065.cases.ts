import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM --platform=$TARGETPLATFORM alpine:3.20'), line: 1 }],
  good: [df('FROM --platform=$BUILDPLATFORM alpine:3.20')],
  fixes: [{ src: df('FROM --platform=${TARGETPLATFORM} alpine:3.20 AS x'), out: df('FROM alpine:3.20 AS x') }],
} satisfies RuleCases;
