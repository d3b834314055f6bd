import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'COPY --from=builder /out /out'), line: 2 }, { src: df('FROM alpine:3.20 AS a', 'COPY --from=1 /x /x', 'FROM alpine:3.20 AS b'), line: 2 }],
  good: [df('FROM golang:1.23 AS builder', 'FROM alpine:3.20', 'COPY --from=builder /out /out'), df('FROM alpine:3.20', 'COPY --from=nginx:1.27 /etc/nginx /etc/nginx'), df('FROM golang:1.23', 'FROM alpine:3.20', 'COPY --from=0 /go/bin/app /app')],
} satisfies RuleCases;
