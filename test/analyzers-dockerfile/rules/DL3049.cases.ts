import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { labelSchema: { maintainer: 'text', 'org.opencontainers.image.version': 'semver' } },
  bad: [
    { src: df('FROM alpine:3.20', 'LABEL maintainer=me'), line: 1, message: 'org.opencontainers.image.version' },
    // A second image the file builds (a test target nobody copies from) needs the labels too.
    { src: df('FROM node:22 AS test', 'RUN npm test', 'FROM node:22', 'LABEL maintainer=me org.opencontainers.image.version=1.0.0'), line: 1, count: 2, message: 'in stage test' },
  ],
  good: [df('FROM alpine:3.20', 'LABEL maintainer=me org.opencontainers.image.version=1.0.0'), { src: df('FROM alpine:3.20'), config: {} },
    // A build stage that only feeds COPY --from, and a base stage labelled by the stage built on it.
    df('FROM golang:1.23 AS build', 'RUN go build -o /app', 'FROM alpine:3.20', 'LABEL maintainer=me org.opencontainers.image.version=1.0.0', 'COPY --from=build /app /app'),
    df('FROM alpine:3.20 AS base', 'FROM base', 'LABEL maintainer=me org.opencontainers.image.version=1.0.0'),
  ],
} satisfies RuleCases;
