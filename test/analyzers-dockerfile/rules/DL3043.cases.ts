import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'ONBUILD FROM debian:12'), line: 2 }, { src: df('FROM alpine:3.20', 'ONBUILD MAINTAINER me'), line: 2 }],
  good: [df('FROM alpine:3.20', 'ONBUILD RUN echo hi')],
} satisfies RuleCases;
