import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN apt-get update && apt-get dist-upgrade -y'), line: 2 }],
  good: [df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl')],
} satisfies RuleCases;
