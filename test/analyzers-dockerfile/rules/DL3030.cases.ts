import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM centos:7', 'RUN yum install httpd-2.4.6 && yum clean all'), line: 2 }],
  good: [df('FROM centos:7', 'RUN yum install -y httpd-2.4.6 && yum clean all'), df('FROM centos:7', 'RUN yum --assumeyes install httpd-2.4.6')],
  fixes: [{ src: df('FROM centos:7', 'RUN yum install httpd-2.4.6'), out: df('FROM centos:7', 'RUN yum install -y httpd-2.4.6') }],
} satisfies RuleCases;
