import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM opensuse/leap:15.6', 'RUN zypper -n install nginx=1.21'), line: 2 },
    // A clean before the install leaves the install's cache in the layer.
    { src: df('FROM opensuse/leap:15.6', 'RUN zypper clean -a && zypper -n install nginx=1.21'), line: 2 },
    { src: df('FROM opensuse/leap:15.6', 'RUN --mount=type=tmpfs,target=/tmp zypper -n in git-core=2.43.0'), line: 2 },
  ],
  good: [
    df('FROM opensuse/leap:15.6', 'RUN zypper -n install nginx=1.21 && zypper clean'),
    df('FROM opensuse/leap:15.6', 'RUN zypper -n in nginx=1.21 && zypper cc -a'),
    df('FROM opensuse/leap:15.6', 'RUN zypper -n in nginx=1.21 && zypper -n clean --all'),
    df('FROM opensuse/leap:15.6', 'RUN --mount=type=tmpfs,target=/var/cache/zypp zypper -n install git-core=2.43.0'),
    df('FROM opensuse/leap:15.6', 'RUN --mount=type=cache,target=/var/cache/zypp zypper -n install git-core=2.43.0'),
  ],
} satisfies RuleCases;
