import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl'), line: 2 },
    { src: df('FROM debian:12 AS base', 'RUN apt-get update', 'FROM base', 'RUN true'), line: 2 },
    { src: df('FROM debian:12', 'RUN aptitude update && aptitude install -y curl'), line: 2 },
    // Removing the lists before the update leaves the fresh ones.
    { src: df('FROM debian:12', 'RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl'), line: 2 },
    // An ONBUILD trigger runs in whatever image builds on this one, used here or not.
    { src: df('FROM debian:12 AS toolchain', 'ONBUILD RUN apt-get update && apt-get install -y build-essential', 'FROM debian:12', 'CMD ["bash"]'), line: 2 },
    // A cache on the archives only: the lists are still in the layer.
    { src: df('FROM debian:12', 'RUN --mount=type=cache,target=/var/cache/apt rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl'), line: 2 },
    // The lists in a cache, but with docker-clean gone the downloaded packages stay in the layer.
    {
      src: df('FROM debian:12', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl'),
      line: 3,
      message: 'docker-clean',
    },
  ],
  good: [
    df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    df('FROM debian:12 AS build', 'RUN apt-get update && apt-get install -y gcc', 'FROM debian:12', 'COPY --from=build /out /out'),
    df('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl'),
    df('FROM debian:12', 'RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y curl'),
    df('FROM debian:12', 'RUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*'),
    df(
      'FROM debian:12',
      'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
      '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
      '    apt-get update && apt-get install -y --no-install-recommends curl',
    ),
    df('FROM debian:12', 'RUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl'),
  ],
  fixes: [
    {
      src: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl'),
      out: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*'),
    },
    // An update alone, with the install in a later RUN: removing the lists there would break the install (issue 14.4);
    // the install's own RUN, the last to read them, is where they go.
    {
      src: df('FROM debian:12', 'RUN apt-get update', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
      out: df('FROM debian:12', 'RUN apt-get update', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    // The same in a stage built on this one.
    {
      src: df('FROM debian:12 AS base', 'RUN apt-get update && apt-get install -y ca-certificates', 'FROM base', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
      out: df('FROM debian:12 AS base', 'RUN apt-get update && apt-get install -y ca-certificates', 'FROM base', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    // A later RUN that fetches the lists itself does not need these.
    {
      src: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*'),
      out: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*', 'RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*'),
    },
    {
      src: df('FROM debian:12', 'RUN aptitude update && aptitude install -y curl'),
      out: df('FROM debian:12', 'RUN aptitude update && aptitude install -y curl \\', '    && rm -rf /var/lib/apt/lists/*'),
    },
    // The lists are in a cache: removing them would empty it; the packages need a cache mount, which is left to the author.
    {
      src: df('FROM debian:12', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl'),
      out: df('FROM debian:12', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl'),
    },
    {
      src: df('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl', 'CMD ["sh"]'),
      out: df('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*', 'CMD ["sh"]'),
    },
  ],
} satisfies RuleCases;
