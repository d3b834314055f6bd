import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'ADD app.py /srv/'), line: 2 },
    { src: df('FROM alpine:3.20', 'WORKDIR /srv', 'add --chown=1000 src/ lib/ ./'), line: 3 },
    { src: df('FROM alpine:3.20', 'ADD ["conf d/a.conf", "/etc/app/"]'), line: 2 },
  ],
  good: [
    df('FROM alpine:3.20', 'COPY app.py /srv/'),
    df('FROM alpine:3.20', 'ADD https://example.com/tool.bin /usr/local/bin/tool'),
    df('FROM alpine:3.20', 'ADD rootfs.tar.xz /'),
    df('FROM alpine:3.20', 'ADD git@github.com:acme/repo.git /src'),
    // Quoted archive and URL sources are still archives and URLs.
    df('FROM alpine:3.20', 'ADD "rootfs.tar.gz" /'),
    df('FROM alpine:3.20', "ADD 'https://example.com/tool.bin' /usr/local/bin/tool"),
  ],
  fixes: [
    { src: df('FROM alpine:3.20', 'ADD app.py /srv/'), out: df('FROM alpine:3.20', 'COPY app.py /srv/') },
    { src: df('from alpine:3.20', 'add --chown=1:1 a b /x/'), out: df('from alpine:3.20', 'copy --chown=1:1 a b /x/') },
    { src: df('FROM alpine:3.20', 'ADD --checksum=sha256:abc app.py /srv/'), out: df('FROM alpine:3.20', 'ADD --checksum=sha256:abc app.py /srv/') },
  ],
} satisfies RuleCases;
