import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('# syntax=docker/dockerfile:1', 'FROM node:22', 'RUN npm ci'), line: 3 }, { src: df('FROM python:3.12', 'RUN --mount=type=bind,source=requirements.txt,target=r.txt pip install -r r.txt'), line: 2 }],
  good: [df('# syntax=docker/dockerfile:1', 'FROM node:22', 'RUN --mount=type=cache,target=/root/.npm npm ci'), df('FROM node:22', 'RUN npm ci')],
} satisfies RuleCases;
