import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { maintainer: 'text' }, strictLabels: true },
  bad: [{ src: df('FROM alpine:3.20', 'LABEL maintainer=me', 'LABEL extra=1'), line: 3 }],
  good: [df('FROM alpine:3.20', 'LABEL maintainer=me'), { src: df('FROM alpine:3.20', 'LABEL extra=1'), config: { labelSchema: { maintainer: 'text' } } }],
} satisfies RuleCases;
