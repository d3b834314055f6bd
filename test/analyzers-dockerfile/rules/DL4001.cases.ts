import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN curl -fsSLo /a https://example.com/a', 'RUN wget -q https://example.com/b'), line: 3 }],
  good: [df('FROM debian:12', 'RUN curl -fsSLO https://example.com/a'), df('FROM debian:12 AS a', 'RUN curl -fsSLO https://example.com/a', 'FROM debian:12', 'RUN wget -q https://example.com/b')],
} satisfies RuleCases;
