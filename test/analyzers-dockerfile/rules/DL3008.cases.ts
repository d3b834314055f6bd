import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN apt-get install -y curl'), line: 2, message: 'curl' },
    { src: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y --no-install-recommends \\', '      ca-certificates=20230311 \\', '      git'), line: 5, message: 'git' },
  ],
  good: [
    df('FROM debian:12', 'RUN apt-get install -y curl=7.88.1-10+deb12u8'),
    df('FROM debian:12', 'RUN apt-get install -y ./local.deb'),
    df('FROM debian:12', 'RUN apt-get update'),
    df('FROM debian:12', 'RUN apt-get install -y -t bookworm-backports "linux-image-amd64=6.*"'),
  ],
} satisfies RuleCases;
