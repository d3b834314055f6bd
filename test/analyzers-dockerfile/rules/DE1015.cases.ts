import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20', 'ADD https://example.com/tool.tgz /opt/'), line: 2 }],
  good: [df('FROM alpine:3.20', 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /opt/'), df('FROM alpine:3.20', 'ADD local.tgz /opt/')],
} satisfies RuleCases;
