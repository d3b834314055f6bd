import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN sudo apt-get update'), line: 2 },
    { src: df('FROM debian:12', 'RUN echo a && sudo -u app touch /x'), line: 2 },
  ],
  good: [df('FROM debian:12', 'RUN apt-get install -y sudo'), df('FROM debian:12', 'USER app', 'RUN touch /tmp/x')],
} satisfies RuleCases;
