import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62'), line: 2 }, { src: df('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'RUN microdnf install -y tar-1.34'), line: 2 }],
  good: [df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62 && dnf clean all'), df('FROM fedora:40', 'RUN microdnf install -y tar-1.34 && microdnf clean all'), df('FROM fedora:40', 'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y tar-1.34')],
} satisfies RuleCases;
