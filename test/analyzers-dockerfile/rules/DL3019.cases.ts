import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'RUN apk update && apk add curl=8.9.1-r0'), line: 2 },
    { src: df('FROM alpine:3.20', 'RUN --mount=type=tmpfs,target=/tmp apk add jq=1.7.1-r0'), line: 2 },
  ],
  good: [
    df('FROM alpine:3.20', 'RUN apk add --no-cache curl=8.9.1-r0'),
    df('FROM alpine:3.20', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r0'),
    df('FROM alpine:3.20', 'RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U jq=1.7.1-r0'),
  ],
  fixes: [{ src: df('FROM alpine:3.20', 'RUN apk add curl'), out: df('FROM alpine:3.20', 'RUN apk add --no-cache curl') }],
} satisfies RuleCases;
