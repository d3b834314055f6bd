import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM fedora:40', 'RUN dnf install -y httpd && dnf clean all'), line: 2 },
    // A module needs its stream (name:stream).
    { src: df('FROM rockylinux:9', 'RUN dnf module install -y postgresql && dnf clean all'), line: 2, message: 'postgresql' },
    { src: df('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'RUN microdnf module install -y ruby && microdnf clean all'), line: 2 },
    // An ENV of a stage this one does not build on is not set here, nor is one never set: the version is empty.
    { src: df('FROM fedora:41 AS build', 'ENV NGINX_VERSION=1.26.2', 'FROM fedora:41', 'RUN dnf -y install nginx-${NGINX_VERSION}'), line: 4 },
    { src: df('FROM fedora:41', 'RUN dnf -y install nginx-${NGINX_VERSION} && dnf clean all'), line: 2 },
  ],
  good: [
    df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62 && dnf clean all'),
    df('FROM fedora:40', 'RUN dnf module enable -y nodejs:20'),
    df('FROM rockylinux:9', 'RUN dnf module install -y postgresql:16/server && dnf clean all'),
    df('FROM fedora:41', 'RUN dnf -y group install "C Development Tools and Libraries" && dnf clean all'),
    df('FROM fedora:41', 'ENV NGINX_VERSION=1.26.2', 'RUN dnf -y install nginx-${NGINX_VERSION} && dnf clean all'),
    df('FROM fedora:41 AS base', 'ENV NGINX_VERSION=1.26.2', 'FROM base', 'RUN dnf -y install nginx-$NGINX_VERSION && dnf clean all'),
    df('FROM fedora:41', 'RUN dnf -y install nginx-${NGINX_VERSION:-1.26.2} && dnf clean all'),
  ],
} satisfies RuleCases;
