import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci'), line: 3, message: 'npm ci' }, { src: df('FROM python:3.12', 'COPY . /src', 'RUN pip install --no-cache-dir -r /src/requirements.txt'), line: 2 }],
  good: [df('FROM node:22', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .'), df('FROM node:22', 'COPY . .', 'RUN npm run build')],
} satisfies RuleCases;
