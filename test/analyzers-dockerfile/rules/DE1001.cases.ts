import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'ENV AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP'), line: 2, message: 'AWS' },
    { src: df('FROM alpine:3.20', 'RUN git clone https://bot:s3cr3tpass@git.example.com/acme/app.git'), line: 2 },
    { src: df('FROM alpine:3.20', 'ARG NPM=npm_abcdefghijklmnopqrstuvwxyz0123456789'), line: 2 },
  ],
  good: [df('FROM alpine:3.20', 'ENV AWS_REGION=eu-west-1'), df('FROM alpine:3.20', 'RUN --mount=type=secret,id=token cat /run/secrets/token'), df('FROM alpine:3.20', 'RUN git clone https://$TOKEN@git.example.com/acme/app.git')],
} satisfies RuleCases;
