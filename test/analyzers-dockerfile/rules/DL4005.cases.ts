import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN ln -sf /bin/bash /bin/sh'), line: 2 }],
  good: [df('FROM debian:12', 'SHELL ["/bin/bash", "-c"]'), df('FROM debian:12', 'RUN ln -s /bin/sh /usr/local/bin/mysh')],
} satisfies RuleCases;
