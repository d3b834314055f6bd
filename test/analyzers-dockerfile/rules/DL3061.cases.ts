import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('LABEL a=b', 'FROM alpine:3.20'), line: 1 }, { src: df('ARG X=1', 'RUN true', 'FROM alpine:3.20'), line: 2 }],
  good: [df('# syntax=docker/dockerfile:1', 'ARG V=3.20', 'FROM alpine:$V')],
} satisfies RuleCases;
