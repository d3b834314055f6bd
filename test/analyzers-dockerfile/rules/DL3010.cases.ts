import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'COPY app.tar.gz /tmp/', 'RUN tar -xzf /tmp/app.tar.gz -C /opt'), line: 2 },
    // The archive is known by the name the COPY gives it; unzip-family tools extract too.
    { src: df('FROM alpine:3.20', 'COPY dist/release-7.tar /opt/bundle.tar', 'RUN tar --extract -f /opt/bundle.tar -C /opt'), line: 2 },
    { src: df('FROM alpine:3.20', 'COPY site.tar.gz /tmp/', 'RUN gunzip /tmp/site.tar.gz && tar -xf /tmp/site.tar -C /srv'), line: 2 },
  ],
  good: [df('FROM alpine:3.20', 'ADD app.tar.gz /opt/'), df('FROM alpine:3.20', 'COPY app.tar.gz /srv/downloads/'), df('FROM alpine:3.20', 'COPY --from=build /out/app.tgz /tmp/', 'RUN tar xzf /tmp/app.tgz')],
} satisfies RuleCases;
