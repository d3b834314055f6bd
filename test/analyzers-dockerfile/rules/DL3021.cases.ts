import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'COPY a.txt b.txt /dest'), line: 2 }, { src: df('FROM alpine:3.20', 'COPY ["a", "b", "/dest"]'), line: 2 }],
  good: [df('FROM alpine:3.20', 'COPY a.txt b.txt /dest/'), df('FROM alpine:3.20', 'COPY a.txt /dest'), df('FROM alpine:3.20', 'COPY a b $DEST'), df('FROM alpine:3.20', 'COPY a.txt b.txt "/dest/"')],
} satisfies RuleCases;
