import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN wget https://example.com/a.tgz'), line: 2 }],
  good: [df('FROM debian:12', 'RUN wget --progress=dot:giga https://example.com/a.tgz'), df('FROM debian:12', 'RUN wget -q https://example.com/a.tgz'), df('FROM debian:12', 'RUN wget -nv https://example.com/a.tgz'), df('FROM debian:12', 'RUN wget -qO- https://example.com/a.txt')],
} satisfies RuleCases;
