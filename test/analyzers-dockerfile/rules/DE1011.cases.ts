import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'RUN apk add --no-cache --allow-untrusted /tmp/x.apk'), line: 2 },
    { src: df('FROM debian:12', 'RUN apt-get install -y --allow-unauthenticated curl'), line: 2 },
    { src: df('FROM fedora:40', 'RUN dnf install -y --nogpgcheck x-1.0'), line: 2 },
    { src: df('FROM fedora:40', 'RUN rpm -i --nosignature /tmp/x.rpm'), line: 2 },
    { src: df('FROM debian:12', 'RUN apt-get install -y --force-yes curl'), line: 2 },
  ],
  good: [df('FROM alpine:3.20', 'RUN apk add --no-cache curl'), df('FROM fedora:40', 'RUN rpm --import /tmp/key.asc')],
} satisfies RuleCases;
