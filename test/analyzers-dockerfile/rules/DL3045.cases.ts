import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'COPY app.py app/'), line: 2 }, { src: df('FROM alpine:3.20', 'COPY a .', 'WORKDIR /srv'), line: 2 }, { src: df('COPY entrypoint.sh bin/'), line: 1 }],
  good: [df('FROM alpine:3.20', 'WORKDIR /srv', 'COPY app.py app/'), df('FROM alpine:3.20 AS base', 'WORKDIR /srv', 'FROM base', 'COPY a .'), df('FROM alpine:3.20', 'COPY app.py /srv/')],
} satisfies RuleCases;
