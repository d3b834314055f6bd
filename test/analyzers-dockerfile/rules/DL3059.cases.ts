import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'RUN apk add --no-cache git', '# then', 'RUN git --version'), line: 4 }],
  good: [df('FROM alpine:3.20', 'RUN a', 'WORKDIR /x', 'RUN b'), df('FROM alpine:3.20', 'RUN a', 'RUN --mount=type=cache,target=/root/.cache b')],
} satisfies RuleCases;
