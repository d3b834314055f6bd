import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN apt-get install curl'), line: 2 },
    { src: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get -q install --no-install-recommends curl'), line: 3 },
    // One quiet level still asks.
    { src: df('FROM debian:12', 'RUN apt-get update --quiet && apt-get install --quiet --no-install-recommends tzdata'), line: 2 },
  ],
  good: [df('FROM debian:12', 'RUN apt-get install -y curl'), df('FROM debian:12', 'RUN apt-get install --yes curl'), df('FROM debian:12', 'RUN apt-get -qq install curl'), df('FROM debian:12', 'RUN apt-get -yq install curl'),
    // Quiet level 2 implies -y, however it is spelt.
    df('FROM debian:12', 'RUN apt-get update && apt-get install -q -q --no-install-recommends tzdata'),
    df('FROM debian:12', 'RUN apt-get --quiet --quiet install ca-certificates'),
    df('FROM debian:12', 'RUN apt-get -q install -q --no-install-recommends git'),
    df('FROM debian:12', 'RUN apt-get install --quiet=2 ca-certificates'),
  ],
  fixes: [
    { src: df('FROM debian:12', 'RUN apt-get install curl'), out: df('FROM debian:12', 'RUN apt-get install -y curl') },
    { src: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get -q install curl'), out: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get -q install -y curl') },
  ],
} satisfies RuleCases;
