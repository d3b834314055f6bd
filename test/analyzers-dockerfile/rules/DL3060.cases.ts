import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM node:22', 'RUN yarn install --frozen-lockfile'), line: 2 },
    { src: df('FROM node:22', 'RUN yarn'), line: 2 },
    // A clean before the install leaves the install's cache in the layer.
    { src: df('FROM node:22', 'RUN yarn cache clean && yarn install --frozen-lockfile'), line: 2 },
    // A cache on another directory does not hold yarn's.
    { src: df('FROM node:22', 'RUN --mount=type=cache,target=/root/.npm yarn install --frozen-lockfile'), line: 2 },
    { src: df('FROM node:22', 'RUN --mount=type=tmpfs,target=/tmp yarn install --frozen-lockfile'), line: 2 },
    // A stage the final image builds on.
    { src: df('FROM node:22 AS deps', 'WORKDIR /app', 'COPY package.json yarn.lock ./', 'RUN yarn install --frozen-lockfile', 'FROM deps', 'CMD ["node", "server.js"]'), line: 4 },
    // An ONBUILD trigger runs in whatever image builds on this one.
    { src: df('FROM node:22 AS onbuild-base', 'ONBUILD RUN yarn install --frozen-lockfile', 'FROM node:22', 'CMD ["node"]'), line: 2 },
  ],
  good: [
    df('FROM node:22', 'RUN yarn install --frozen-lockfile && yarn cache clean'),
    df('FROM node:22', 'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install'),
    df('FROM node:22', 'RUN --mount=type=tmpfs,target=/usr/local/share/.cache/yarn yarn install'),
    df('FROM node:22', 'RUN --mount=type=cache,target=/tmp/yc yarn install --cache-folder /tmp/yc'),
    df('FROM node:22', 'RUN yarn build'),
    // A build stage the final image only copies from.
    df('FROM node:22 AS build', 'WORKDIR /app', 'RUN yarn install --frozen-lockfile && yarn build', 'FROM nginx:1.27', 'COPY --from=build /app/dist /usr/share/nginx/html'),
  ],
} satisfies RuleCases;
