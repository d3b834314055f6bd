import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN apt-get install -y curl'), line: 2 }],
  good: [df('FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl'), df('FROM debian:12', 'RUN apt-get -o APT::Install-Recommends=false install -y curl')],
  fixes: [{ src: df('FROM debian:12', 'RUN apt-get install -y curl'), out: df('FROM debian:12', 'RUN apt-get install --no-install-recommends -y curl') }],
} satisfies RuleCases;
