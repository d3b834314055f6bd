import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN apt-get update', 'RUN apt-get install -y curl'), line: 2 }, { src: df('FROM alpine:3.20', 'RUN apk update'), line: 2 }],
  good: [df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl'), df('FROM alpine:3.20', 'RUN apk update && apk upgrade')],
} satisfies RuleCases;
