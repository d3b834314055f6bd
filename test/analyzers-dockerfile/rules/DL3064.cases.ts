import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'ARG GITHUB_TOKEN'), line: 2 }, { src: df('FROM alpine:3.20', 'ENV DB_PASSWORD=changeme'), line: 2 }, { src: df('FROM alpine:3.20', 'ENV awsSecretAccessKey=x'), line: 2 }, { src: df('ARG AWS_ACCESS_KEY_ID', 'FROM alpine:3.20'), line: 1 }],
  good: [df('FROM alpine:3.20', 'ENV POSTGRES_PASSWORD_FILE=/run/secrets/db'), df('FROM alpine:3.20', 'ARG PUBLIC_KEY_URL=https://example.com/k'), df('FROM alpine:3.20', 'ENV TOKENIZERS_PARALLELISM=false KEYBOARD=us')],
} satisfies RuleCases;
