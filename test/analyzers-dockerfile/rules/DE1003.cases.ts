import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM node:22', 'CMD ["node", "app.js"]'), line: 1 }, { src: df('FROM golang:1.23 AS b', 'USER 1000', 'FROM scratch', 'COPY --from=b /app /app'), line: 3 }],
  good: [df('FROM node:22', 'USER node'), df('FROM gcr.io/distroless/static-debian12:nonroot', 'COPY app /app'), df('FROM node:22 AS base', 'USER 1000', 'FROM base', 'CMD ["x"]')],
} satisfies RuleCases;
