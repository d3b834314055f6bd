import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM node:22', 'RUN npm install -g typescript'), line: 2 },
    { src: df('FROM node:22', 'RUN npm i @nestjs/cli express@4.21.0'), line: 2, message: '@nestjs/cli' },
    { src: df('FROM node:22', 'RUN npm install -g npm@latest'), line: 2 },
  ],
  good: [df('FROM node:22', 'RUN npm ci'), df('FROM node:22', 'RUN npm install'), df('FROM node:22', 'RUN npm install -g typescript@5.6.3 @nestjs/cli@10.4.5'), df('FROM node:22', 'RUN npm install ./local-pkg.tgz github:acme/tool')],
} satisfies RuleCases;
