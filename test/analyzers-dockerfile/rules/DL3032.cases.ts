import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM centos:7', 'RUN yum install -y httpd-2.4.6'), line: 2 },
    // A clean before the install leaves the install's cache in the layer.
    { src: df('FROM centos:7', 'RUN yum clean all && yum install -y httpd-2.4.6'), line: 2 },
    { src: df('FROM centos:7', 'RUN yum -y install epel-release-7 && yum clean all && yum -y install nginx-1.20.1'), line: 2 },
    { src: df('FROM centos:7', 'RUN yum -y install'), line: 2 },
  ],
  good: [
    df('FROM centos:7', 'RUN yum install -y httpd-2.4.6 && yum clean all'),
    df('FROM centos:7', 'RUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum'),
    df('FROM centos:7', 'RUN yum -y install httpd-2.4.6 && yum -y clean all'),
    df('FROM centos:7', 'RUN --mount=type=tmpfs,target=/var/cache/yum yum install -y httpd-2.4.6'),
  ],
} satisfies RuleCases;
