import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62'), line: 2 },
    { src: df('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'RUN microdnf install -y tar-1.34'), line: 2 },
    // The short and the upgrade subcommands fill the cache too, with or without packages named.
    { src: df('FROM fedora:41', 'RUN dnf in -y nginx-1.26.2'), line: 2 },
    { src: df('FROM fedora:41', 'RUN dnf -y upgrade'), line: 2 },
    { src: df('FROM fedora:41', 'RUN dnf -y up-min'), line: 2 },
    { src: df('FROM fedora:41', 'RUN dnf -y reinstall'), line: 2 },
    // A clean before the install leaves the install's cache in the layer.
    { src: df('FROM fedora:41', 'RUN dnf clean all && dnf install -y nginx-1.26.2'), line: 2 },
    { src: df('FROM fedora:41', 'RUN rm -rf /var/cache/libdnf5 && dnf install -y jq-1.7.1'), line: 2 },
    { src: df('FROM fedora:41', 'RUN dnf install -y jq-1.7.1 && dnf clean all && dnf install -y git-core-2.47.0'), line: 2 },
    // microdnf's clean does not clean dnf's cache.
    { src: df('FROM fedora:41', 'RUN dnf install -y jq-1.7.1 && microdnf clean all'), line: 2 },
    // A cache on another directory does not hold dnf's.
    { src: df('FROM fedora:41', 'RUN --mount=type=cache,target=/root/.npm dnf install -y nodejs-20.18.0'), line: 2 },
    { src: df('FROM fedora:41', 'ONBUILD RUN dnf install -y jq-1.7.1'), line: 2 },
  ],
  good: [
    df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.62 && dnf clean all'),
    df('FROM fedora:40', 'RUN microdnf install -y tar-1.34 && microdnf clean all'),
    df('FROM fedora:40', 'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y tar-1.34'),
    df('FROM fedora:41', 'RUN --mount=type=cache,target=/var/cache/libdnf5 dnf in -y jq-1.7.1'),
    df('FROM fedora:41', 'RUN --mount=type=tmpfs,target=/var/cache/libdnf5 microdnf install -y jq-1.7.1'),
    df('FROM fedora:41', 'RUN --mount=type=tmpfs,target=/var/cache/dnf dnf -y upgrade'),
    df('FROM fedora:41', 'RUN dnf -y upgrade-minimal && dnf -y clean all'),
    df('FROM fedora:41', 'RUN dnf install -y jq-1.7.1 && rm -rf /var/cache/libdnf5/*'),
    df('FROM fedora:41', 'RUN dnf clean all && dnf install -y jq-1.7.1 && dnf clean all'),
    df('FROM fedora:41', 'RUN dnf -y module install nodejs:20/common && dnf clean all'),
    df('FROM fedora:41', 'RUN rpm -q dnf && echo "dnf install"'),
  ],
} satisfies RuleCases;
