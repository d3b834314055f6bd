import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'ENV NODE_ENV production'), line: 2 }, { src: df('FROM alpine:3.20', 'LABEL maintainer me'), line: 2 }],
  good: [df('FROM alpine:3.20', 'ENV NODE_ENV=production'), df('FROM alpine:3.20', 'ENV A=1 B="two words"')],
  fixes: [
    { src: df('FROM alpine:3.20', 'ENV NODE_ENV production'), out: df('FROM alpine:3.20', 'ENV NODE_ENV=production') },
    { src: df('FROM alpine:3.20', 'ENV GREETING hello big world'), out: df('FROM alpine:3.20', 'ENV GREETING="hello big world"') },
    { src: df('FROM alpine:3.20', 'ENV MSG "hi there"'), out: df('FROM alpine:3.20', 'ENV MSG="hi there"') },
  ],
} satisfies RuleCases;
