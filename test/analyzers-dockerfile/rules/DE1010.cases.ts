import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM node:22', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0'), line: 2 },
    { src: df('FROM python:3.12', 'ENV PYTHONHTTPSVERIFY 0'), line: 2 },
    { src: df('FROM debian:12', 'RUN export GIT_SSL_NO_VERIFY=true && git clone https://example.com/r.git'), line: 2 },
    { src: df('FROM python:3.12', 'ARG PIP_TRUSTED_HOST=pypi.example.com'), line: 2 },
    { src: df('FROM debian:12', 'ENV GIT_SSL_NO_VERIFY=false'), line: 2 },
  ],
  good: [df('FROM node:22', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=1'), df('FROM debian:12', 'ENV MY_GIT_SSL_NO_VERIFY=1', 'RUN unset GIT_SSL_NO_VERIFY')],
} satisfies RuleCases;
