import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'HEALTHCHECK CMD true', 'HEALTHCHECK CMD false'), line: 3 }],
  good: [df('FROM alpine:3.20', 'HEALTHCHECK CMD true'), df('FROM alpine:3.20 AS a', 'HEALTHCHECK CMD true', 'FROM alpine:3.20', 'HEALTHCHECK CMD true')],
} satisfies RuleCases;
