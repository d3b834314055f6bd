import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20 AS build', 'FROM debian:12 AS build'), line: 2 }, { src: df('FROM alpine:3.20 AS Deps', 'FROM alpine:3.20 AS deps'), line: 2 }],
  good: [df('FROM alpine:3.20 AS build', 'FROM alpine:3.20 AS final')],
} satisfies RuleCases;
