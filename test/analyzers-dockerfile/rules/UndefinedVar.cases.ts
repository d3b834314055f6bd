import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'ARG APP_HOME=/srv', 'WORKDIR $APP_HOEM'), line: 3, message: 'APP_HOME' }, { src: df('FROM scratch', 'COPY app $TARGET_DIR/'), line: 2 }],
  good: [df('FROM alpine:3.20', 'ARG APP_HOME=/srv', 'WORKDIR $APP_HOME'), df('FROM node:22', 'ENV PATH=$PATH:/app/bin'), df('FROM node:22', 'WORKDIR $NODE_APP_DIR')],
} satisfies RuleCases;
