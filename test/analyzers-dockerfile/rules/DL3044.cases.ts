import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'ENV A=1 B=$A'), line: 2 }, { src: df('FROM alpine:3.20', 'ENV DIR=/opt PATH=${DIR}/bin:$PATH'), line: 2 }],
  good: [df('FROM alpine:3.20', 'ENV A=1', 'ENV B=$A'), df('FROM alpine:3.20', 'ENV PATH=/opt/bin:$PATH'), df('FROM alpine:3.20', 'ARG A=1', 'ENV A=$A B=$A')],
} satisfies RuleCases;
