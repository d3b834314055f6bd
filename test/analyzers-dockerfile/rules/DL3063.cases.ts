import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20 AS scratch'), line: 1 }, { src: df('FROM alpine:3.20 AS context'), line: 1 }],
  good: [df('FROM alpine:3.20 AS base', 'FROM scratch')],
} satisfies RuleCases;
