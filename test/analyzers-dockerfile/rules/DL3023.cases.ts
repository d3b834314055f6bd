import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20 AS app', 'COPY --from=app /a /b'), line: 2 }],
  good: [df('FROM alpine:3.20 AS build', 'FROM alpine:3.20 AS app', 'COPY --from=build /a /b')],
} satisfies RuleCases;
