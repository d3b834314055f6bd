import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'EXPOSE 8080:80'), line: 2 }, { src: df('FROM alpine:3.20', 'EXPOSE 127.0.0.1:80:80/tcp'), line: 2 }],
  good: [df('FROM alpine:3.20', 'EXPOSE 80 443/tcp')],
} satisfies RuleCases;
