import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM fedora:40', 'RUN dnf install -y httpd && dnf clean all'), line: 2 }],
  good: [df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62 && dnf clean all'), df('FROM fedora:40', 'RUN dnf module enable -y nodejs:20')],
} satisfies RuleCases;
