import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'MAINTAINER Jane <jane@example.com>'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL maintainer="Jane <jane@example.com>"')],
  fixes: [
    { src: df('FROM alpine:3.20', 'MAINTAINER Jane "JD" Doe <jane@example.com>'), out: df('FROM alpine:3.20', 'LABEL maintainer="Jane \\"JD\\" Doe <jane@example.com>"') },
    { src: df('FROM alpine:3.20', 'MAINTAINER "Ops Team"'), out: df('FROM alpine:3.20', 'LABEL maintainer="Ops Team"') },
  ],
} satisfies RuleCases;
