import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN curl -fsSLo /a https://example.com/a', 'RUN wget -q https://example.com/b'), line: 3 },
    // Every later RUN that uses either one is flagged too.
    {
      src: df('FROM debian:12', 'RUN wget -q https://example.com/jq -O /usr/local/bin/jq', 'RUN curl -fsSLo /tmp/yq https://example.com/yq', 'RUN chmod +x /usr/local/bin/jq', 'RUN wget -q https://example.com/helm.tgz'),
      line: 3,
      count: 2,
    },
    { src: df('FROM alpine:3.20', 'RUN apk add --no-cache curl wget && \\', '    wget -q https://example.com/a && curl -fsSO https://example.com/b'), line: 3 },
  ],
  good: [
    df('FROM debian:12', 'RUN curl -fsSLO https://example.com/a'),
    df('FROM debian:12 AS a', 'RUN curl -fsSLO https://example.com/a', 'FROM debian:12', 'RUN wget -q https://example.com/b'),
    // ONBUILD triggers run in the child image.
    df('FROM debian:12', 'RUN curl -fsSLO https://example.com/a', 'ONBUILD RUN wget -q https://example.com/b'),
  ],
} satisfies RuleCases;
