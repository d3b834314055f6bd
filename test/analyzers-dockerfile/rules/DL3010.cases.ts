import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'COPY app.tar.gz /tmp/', 'RUN tar -xzf /tmp/app.tar.gz -C /opt'), line: 2 }],
  good: [df('FROM alpine:3.20', 'ADD app.tar.gz /opt/'), df('FROM alpine:3.20', 'COPY app.tar.gz /srv/downloads/'), df('FROM alpine:3.20', 'COPY --from=build /out/app.tgz /tmp/', 'RUN tar xzf /tmp/app.tgz')],
} satisfies RuleCases;
