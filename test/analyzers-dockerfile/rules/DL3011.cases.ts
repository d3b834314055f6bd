import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'EXPOSE 80 70000'), line: 2 }, { src: df('FROM alpine:3.20', 'EXPOSE 65530-65536/udp'), line: 2 }],
  good: [df('FROM alpine:3.20', 'EXPOSE 80 443/tcp 65535'), df('FROM alpine:3.20', 'EXPOSE $PORT'), df('FROM alpine:3.20', 'EXPOSE 8000-8010')],
} satisfies RuleCases;
