import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'EXPOSE 80/TCP'), line: 2 }],
  good: [df('FROM alpine:3.20', 'EXPOSE 80/tcp 53/udp')],
  fixes: [{ src: df('FROM alpine:3.20', 'EXPOSE 80/TCP 53/Udp'), out: df('FROM alpine:3.20', 'EXPOSE 80/tcp 53/udp') }],
} satisfies RuleCases;
