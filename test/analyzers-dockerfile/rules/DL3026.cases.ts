import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  config: { trustedRegistries: ['docker.io', '*.example.com'] },
  bad: [{ src: df('FROM quay.io/acme/app:1.0'), line: 1 }, { src: df('FROM example.org/app:1.0'), line: 1 }],
  good: [df('FROM alpine:3.20'), df('FROM registry.example.com/team/app:1.0'), df('FROM scratch'), { src: df('FROM quay.io/acme/app:1.0'), config: {} }],
} satisfies RuleCases;
