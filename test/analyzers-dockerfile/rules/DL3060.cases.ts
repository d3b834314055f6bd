import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM node:22', 'RUN yarn install --frozen-lockfile'), line: 2 }, { src: df('FROM node:22', 'RUN yarn'), line: 2 }],
  good: [df('FROM node:22', 'RUN yarn install --frozen-lockfile && yarn cache clean'), df('FROM node:22', 'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install'), df('FROM node:22', 'RUN yarn build')],
} satisfies RuleCases;
