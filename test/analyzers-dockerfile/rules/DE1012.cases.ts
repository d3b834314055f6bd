import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN echo "root:toor" | chpasswd'), line: 2 }, { src: df('FROM debian:12', 'RUN useradd -p "$(openssl passwd -1 x)" app'), line: 2 }],
  good: [df('FROM debian:12', 'RUN useradd -r app'), df('FROM debian:12', 'RUN passwd -l root')],
} satisfies RuleCases;
