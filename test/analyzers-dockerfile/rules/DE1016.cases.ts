import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM node:22', 'COPY .env /app/.env'), line: 2 }, { src: df('FROM debian:12', 'COPY id_rsa /root/.ssh/'), line: 2 }, { src: df('FROM debian:12', 'COPY certs/server.key /etc/ssl/'), line: 2 }],
  good: [df('FROM node:22', 'COPY .env.example /app/'), df('FROM node:22', 'COPY package.json /app/')],
} satisfies RuleCases;
