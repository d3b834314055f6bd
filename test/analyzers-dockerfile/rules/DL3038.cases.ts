import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM fedora:40', 'RUN dnf install httpd-2.4.62 && dnf clean all'), line: 2 }, { src: df('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'RUN microdnf install shadow-utils-4.9'), line: 2 }],
  good: [df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62 && dnf clean all')],
  fixes: [{ src: df('FROM fedora:40', 'RUN dnf install httpd-2.4.62'), out: df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62') }],
} satisfies RuleCases;
