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
    {
      src: df('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl', 'CMD ["sh"]'),
      out: df('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*', 'CMD ["sh"]'),
    },
  ],
} satisfies RuleCases;
