import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'USER app', 'USER root'), line: 3 },
    { src: df('FROM alpine:3.20 AS base', 'USER 0:0', 'FROM base', 'RUN true'), line: 2 },
  ],
  good: [df('FROM alpine:3.20', 'USER root', 'RUN apk add --no-cache tini', 'USER 10001'), df('FROM alpine:3.20 AS build', 'USER root', 'FROM alpine:3.20', 'USER 10001'), df('FROM alpine:3.20', 'RUN true')],
} satisfies RuleCases;
