import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'RUN apk add --no-cache git', '# then', 'RUN git --version'), line: 4 },
    // A chained RUN before two single-command ones: the third still follows a single-command RUN.
    { src: df('FROM node:22-alpine', 'RUN apk add --no-cache tini && addgroup -S app', 'RUN mkdir -p /srv/app', 'RUN chown node /srv/app'), line: 4 },
    // A wrapper (`sudo`) runs one command, not two.
    { src: df('FROM ubuntu:24.04', 'RUN sudo apt-get update', 'RUN sudo apt-get install -y --no-install-recommends jq'), line: 3 },
  ],
  good: [
    df('FROM alpine:3.20', 'RUN a', 'WORKDIR /x', 'RUN b'),
    df('FROM alpine:3.20', 'RUN a', 'RUN --mount=type=cache,target=/root/.cache b'),
    // A RUN that already chains commands is a deliberate layer split.
    df('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN curl --version'),
    df('FROM debian:12', 'RUN useradd --create-home app', 'RUN mkdir -p /data; chown app /data'),
    df('FROM debian:12', 'RUN set -eux; apt-get update', 'RUN apt-get install -y --no-install-recommends git && git --version'),
  ],
} satisfies RuleCases;
