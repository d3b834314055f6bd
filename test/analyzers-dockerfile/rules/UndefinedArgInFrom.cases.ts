import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:$ALPINE_VERSION'), line: 1 }, { src: df('FROM alpine:3.20', 'ARG TAG=1', 'FROM node:${TAG}'), line: 3 }],
  good: [df('ARG ALPINE_VERSION=3.20', 'FROM alpine:$ALPINE_VERSION'), df('FROM --platform=$BUILDPLATFORM golang:1.23')],
} satisfies RuleCases;
