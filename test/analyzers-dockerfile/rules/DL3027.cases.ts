import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN apt install -y curl'), line: 2 }, { src: df('FROM debian:12', 'RUN apt search curl'), line: 2, message: 'apt-cache' }],
  good: [df('FROM debian:12', 'RUN apt-get install -y curl'), df('FROM debian:12', 'RUN echo apt')],
  fixes: [
    { src: df('FROM debian:12', 'RUN apt update && apt install -y curl'), out: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl') },
    { src: df('FROM debian:12', 'RUN apt list --installed'), out: df('FROM debian:12', 'RUN apt list --installed') },
  ],
} satisfies RuleCases;
