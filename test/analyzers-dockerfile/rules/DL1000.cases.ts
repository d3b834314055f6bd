import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'RUNN echo hi'), line: 2, message: 'unknown instruction' },
    { src: df('FROM alpine:3.20', 'WORKDIR'), line: 2, message: 'needs arguments' },
    { src: df('FROM alpine:3.20', 'RUN <<EOF', 'echo hi'), line: 2, message: 'never terminated' },
  ],
  good: [df('FROM alpine:3.20', 'RUN <<EOF', 'echo hi', 'EOF'), df('# just a comment'), ''],
} satisfies RuleCases;
