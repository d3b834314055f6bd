import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('ARG TAG', 'FROM alpine:$TAG'), line: 2 }, { src: df('ARG IMAGE', 'FROM ${IMAGE}'), line: 2 }],
  good: [df('ARG TAG=3.20', 'FROM alpine:$TAG'), df('ARG TAG', 'FROM alpine:${TAG:-3.20}'), df('ARG VARIANT', 'FROM alpine${VARIANT}')],
} satisfies RuleCases;
