import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN curl -fsSL https://get.example.com | sh'), line: 2 },
    { src: df('FROM debian:12', 'RUN wget -qO- https://example.com/i.sh | sudo bash -s -- --yes'), line: 2 },
    { src: df('FROM debian:12', 'RUN sh -c "$(curl -fsSL https://example.com/install.sh)"'), line: 2 },
  ],
  good: [df('FROM debian:12', 'RUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && echo "abc  /tmp/i.sh" | sha256sum -c && sh /tmp/i.sh'), df('FROM debian:12', 'RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg')],
} satisfies RuleCases;
