import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20 AS Build'), line: 1 }],
  good: [df('FROM alpine:3.20 AS build-stage_1')],
} satisfies RuleCases;
