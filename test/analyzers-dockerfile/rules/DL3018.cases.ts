import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'RUN apk add --no-cache curl'), line: 2 }, { src: df('FROM alpine:3.20', 'RUN apk add --no-cache --virtual .deps gcc=13.2.1-r0 musl-dev'), line: 2, message: 'musl-dev' }],
  good: [df('FROM alpine:3.20', 'RUN apk add --no-cache curl=8.9.1-r0'), df('FROM alpine:3.20', 'RUN apk add --no-cache -t .build "gcc~13"'), df('FROM alpine:3.20', 'RUN apk del .build')],
} satisfies RuleCases;
