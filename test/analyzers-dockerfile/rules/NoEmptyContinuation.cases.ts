import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'RUN apk add --no-cache \\', '', '    curl=8.9.1-r0'), line: 3 }],
  good: [df('FROM alpine:3.20', 'RUN apk add --no-cache \\', '    curl=8.9.1-r0', ''), df('FROM alpine:3.20', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF')],
  fixes: [{ src: df('FROM alpine:3.20', 'RUN echo \\', '', '    hi'), out: df('FROM alpine:3.20', 'RUN echo \\', '    hi') }],
} satisfies RuleCases;
