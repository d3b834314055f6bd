import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN apt-get install curl'), line: 2 },
    { src: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get -q install --no-install-recommends curl'), line: 3 },
  ],
  good: [df('FROM debian:12', 'RUN apt-get install -y curl'), df('FROM debian:12', 'RUN apt-get install --yes curl'), df('FROM debian:12', 'RUN apt-get -qq install curl'), df('FROM debian:12', 'RUN apt-get -yq install curl')],
  fixes: [
    { src: df('FROM debian:12', 'RUN apt-get install curl'), out: df('FROM debian:12', 'RUN apt-get install -y curl') },
    { src: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get -q install curl'), out: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get -q install -y curl') },
  ],
} satisfies RuleCases;
