import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl'), line: 2 },
    { src: df('FROM debian:12 AS base', 'RUN apt-get update', 'FROM base', 'RUN true'), line: 2 },
  ],
  good: [
    df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    df('FROM debian:12 AS build', 'RUN apt-get update && apt-get install -y gcc', 'FROM debian:12', 'COPY --from=build /out /out'),
    df('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl'),
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
      src: df('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl', 'CMD ["sh"]'),
      out: df('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*', 'CMD ["sh"]'),
    },
  ],
} satisfies RuleCases;
