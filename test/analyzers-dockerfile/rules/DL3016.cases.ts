import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM node:22', 'RUN npm install -g typescript'), line: 2 },
    { src: df('FROM node:22', 'RUN npm i @nestjs/cli express@4.21.0'), line: 2, message: '@nestjs/cli' },
    { src: df('FROM node:22', 'RUN npm install -g npm@latest'), line: 2 },
    // A git source without a #ref installs whatever the default branch holds at build time.
    { src: df('FROM node:22', 'WORKDIR /app', 'RUN npm install --omit=dev \\', '    git+ssh://git@git.example.org/platform/logger.git'), line: 4, message: 'logger.git' },
    { src: df('FROM node:22', 'RUN npm install git+https://github.com/acme/eslint-config-acme.git'), line: 2 },
    { src: df('FROM node:22', 'RUN npm install --save-dev git://github.com/acme/fixtures.git'), line: 2 },
    { src: df('FROM node:22', 'RUN npm install github:acme/tool'), line: 2 },
  ],
  good: [
    df('FROM node:22', 'RUN npm ci'),
    df('FROM node:22', 'RUN npm install'),
    df('FROM node:22', 'RUN npm install -g typescript@5.6.3 @nestjs/cli@10.4.5'),
    df('FROM node:22', 'RUN npm install ./local-pkg.tgz github:acme/tool#v1.4.0'),
    // Tarballs name exactly one version.
    df('FROM node:22', 'COPY vendor/ /tmp/vendor/', 'RUN npm install /tmp/vendor/sdk-2.3.0.tar /tmp/vendor/ui-kit-1.1.0.tar.gz'),
    df('FROM node:22', 'RUN npm install git+https://github.com/acme/eslint-config-acme.git#semver:^3.2.0'),
    df('FROM node:22', 'RUN npm install git+ssh://git@git.example.org/platform/logger.git#4f1c2e9'),
  ],
} satisfies RuleCases;
