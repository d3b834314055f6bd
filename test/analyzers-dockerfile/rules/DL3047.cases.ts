import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN wget https://example.com/a.tgz'), line: 2 },
    // -O names the downloaded file, not the log: progress still goes to the build output.
    { src: df('FROM debian:12', 'RUN apt-get update && \\', '    wget -O /tmp/node.tar.xz https://nodejs.org/dist/v22.9.0/node-v22.9.0-linux-x64.tar.xz'), line: 3 },
  ],
  good: [
    df('FROM debian:12', 'RUN wget --progress=dot:giga https://example.com/a.tgz'),
    df('FROM debian:12', 'RUN wget -q https://example.com/a.tgz'),
    df('FROM debian:12', 'RUN wget -nv https://example.com/a.tgz'),
    df('FROM debian:12', 'RUN wget -qO- https://example.com/a.txt'),
    // The progress goes to a log file, not the build output.
    df('FROM debian:12', 'RUN wget -o /var/log/jdk-download.log -O /tmp/jdk.tgz https://example.com/jdk-21.tgz'),
    df('FROM debian:12', 'RUN wget --output-file=/tmp/fetch.log https://example.com/a.tgz && rm /tmp/fetch.log'),
    df('FROM debian:12', 'RUN wget -a /tmp/fetch.log https://example.com/a.tgz https://example.com/b.tgz'),
    df('FROM debian:12', 'RUN wget --append-output=/tmp/fetch.log https://example.com/a.tgz'),
  ],
} satisfies RuleCases;
