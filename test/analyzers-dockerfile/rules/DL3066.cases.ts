import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'USER app'), line: 2 }, { src: df('FROM alpine:3.20', 'USER app:app'), line: 2 }],
  good: [df('FROM alpine:3.20', 'USER 10001:10001'), df('FROM alpine:3.20', 'USER $APP_UID')],
} satisfies RuleCases;
