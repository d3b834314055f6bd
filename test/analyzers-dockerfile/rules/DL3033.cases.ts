import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM centos:7', 'RUN yum install -y httpd && yum clean all'), line: 2 },
    // A module needs its stream (name:stream).
    { src: df('FROM rockylinux:8', 'RUN yum module install -y nodejs && yum clean all'), line: 2, message: 'nodejs' },
    // An ENV of a stage this one does not build on is not set here: the version is empty.
    { src: df('FROM centos:7 AS build', 'ENV HTTPD_VERSION=2.4.6', 'FROM centos:7', 'RUN yum install -y httpd-${HTTPD_VERSION} && yum clean all'), line: 4 },
    // Set after the RUN.
    { src: df('FROM centos:7', 'RUN yum install -y httpd-$HTTPD_VERSION && yum clean all', 'ENV HTTPD_VERSION=2.4.6'), line: 2 },
  ],
  good: [
    df('FROM centos:7', 'RUN yum install -y httpd-2.4.6 && yum clean all'),
    df('FROM centos:7', 'RUN yum install -y @development && yum clean all'),
    df('FROM rockylinux:8', 'RUN yum module install -y nodejs:18 && yum clean all'),
    df('FROM centos:7', 'RUN yum groupinstall -y "Development Tools" && yum clean all'),
    df('FROM centos:7', 'ARG HTTPD_VERSION=2.4.6', 'RUN yum install -y httpd-$HTTPD_VERSION && yum clean all'),
    df('FROM centos:7 AS base', 'ENV HTTPD_VERSION=2.4.6', 'FROM base', 'RUN yum install -y httpd-${HTTPD_VERSION} && yum clean all'),
    df('FROM centos:7', 'RUN V=2.4.6 && yum install -y httpd-$V && yum clean all'),
  ],
} satisfies RuleCases;
