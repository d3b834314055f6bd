import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM nginx:1.27', 'EXPOSE 80'), line: 2 }],
  good: [df('FROM nginx:1.27', 'EXPOSE 80', 'HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1'), df('FROM alpine:3.20', 'CMD ["sh"]'), df('FROM nginx:1.27', 'EXPOSE 80', 'HEALTHCHECK NONE')],
} satisfies RuleCases;
