import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN service nginx start'), line: 2 },
    { src: df('FROM debian:12', 'RUN make && \\', '    vim -c wq /etc/app.conf'), line: 3 },
  ],
  good: [df('FROM debian:12', 'RUN apt-get install -y vim'), df('FROM debian:12', 'RUN echo "ps aux" > /usr/local/bin/status')],
} satisfies RuleCases;
