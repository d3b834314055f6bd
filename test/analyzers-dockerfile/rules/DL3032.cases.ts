import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM centos:7', 'RUN yum install -y httpd-2.4.6'), line: 2 }],
  good: [df('FROM centos:7', 'RUN yum install -y httpd-2.4.6 && yum clean all'), df('FROM centos:7', 'RUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum')],
} satisfies RuleCases;
