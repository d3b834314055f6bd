import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20 as build'), line: 1 }, { src: df('from alpine:3.20 AS build'), line: 1 }],
  good: [df('FROM alpine:3.20 AS build'), df('from alpine:3.20 as build')],
  fixes: [{ src: df('FROM alpine:3.20 as build', 'RUN true'), out: df('FROM alpine:3.20 AS build', 'RUN true') }],
} satisfies RuleCases;
