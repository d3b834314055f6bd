import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { trustedRegistries: ['docker.io', '*.example.com'] },
  bad: [{ src: df('FROM quay.io/acme/app:1.0'), line: 1 }, { src: df('FROM example.org/app:1.0'), line: 1 },
    { src: df('FROM alpine:3.20', 'COPY --from=ghcr.io/acme/tools:2 /bin/tool /usr/local/bin/'), line: 2 },
    { src: df('FROM alpine:3.20', 'RUN --mount=type=bind,from=quay.io/acme/certs:1,target=/certs cp /certs/ca.pem /etc/ssl/'), line: 2 },
  ],
  good: [df('FROM alpine:3.20'), df('FROM registry.example.com/team/app:1.0'), df('FROM scratch'), { src: df('FROM quay.io/acme/app:1.0'), config: {} },
    df('FROM registry.example.com/go:1.23 AS build', 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app'),
    df('FROM alpine:3.20 AS deps', 'FROM alpine:3.20', 'RUN --mount=type=cache,from=deps,target=/cache ls /cache'),
    df('FROM alpine:3.20', 'COPY --from=registry.example.com/tools:2 /bin/tool /usr/local/bin/'),
  ],
} satisfies RuleCases;
