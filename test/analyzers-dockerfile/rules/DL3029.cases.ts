import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM --platform=linux/amd64 alpine:3.20'), line: 1 }],
  good: [df('FROM --platform=$BUILDPLATFORM golang:1.23 AS build'), df('FROM alpine:3.20')],
} satisfies RuleCases;
