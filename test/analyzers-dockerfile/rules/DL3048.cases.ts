import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'LABEL Version=1'), line: 2 }, { src: df('FROM alpine:3.20', 'LABEL com.docker.thing=x'), line: 2 }, { src: df('FROM alpine:3.20', 'LABEL org..acme=x'), line: 2 }, { src: df('FROM alpine:3.20', 'LABEL 2fa.enabled=yes'), line: 2 }, { src: df('FROM alpine:3.20', 'LABEL build_$TARGETARCH=1'), line: 2 }],
  good: [df('FROM alpine:3.20', 'LABEL org.opencontainers.image.source=https://example.com version=1.0'), df('FROM alpine:3.20', 'LABEL acme/team=payments build_id=42')],
} satisfies RuleCases;
