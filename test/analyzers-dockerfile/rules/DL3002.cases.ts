import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'USER app', 'USER root'), line: 3 },
    { src: df('FROM alpine:3.20 AS base', 'USER 0:0', 'FROM base', 'RUN true'), line: 2 },
    // A build stage that ends as root is reported too, as hadolint does, though the final stage switches.
    { src: df('FROM golang:1.23 AS build', 'USER root', 'RUN go build ./...', 'FROM gcr.io/distroless/static', 'USER 65532'), line: 2, message: 'stage build ends as root' },
  ],
  good: [df('FROM alpine:3.20', 'USER root', 'RUN apk add --no-cache tini', 'USER 10001'), df('FROM alpine:3.20 AS build', 'USER root', 'RUN make', 'USER builder', 'FROM alpine:3.20', 'USER 10001'), df('FROM alpine:3.20', 'RUN true')],
} satisfies RuleCases;
