import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM node:latest'), line: 1 },
    { src: df('FROM golang:1.23 AS b', 'FROM gcr.io/distroless/static:latest'), line: 2 },
  ],
  good: [df('FROM node:22-alpine'), df('FROM node:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'), df('FROM latest-tools:1.0')],
} satisfies RuleCases;
