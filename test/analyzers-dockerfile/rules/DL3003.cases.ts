import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'RUN cd /src && make'), line: 2 },
    { src: df('FROM alpine:3.20', 'RUN mkdir /x && \\', '    cd /x && touch y'), line: 3 },
  ],
  good: [df('FROM alpine:3.20', 'WORKDIR /src', 'RUN make'), df('FROM alpine:3.20', 'RUN echo "$(pwd)"')],
  fixes: [
    {
      src: df('FROM alpine:3.20', 'WORKDIR /app', 'RUN cd /src && make install', 'COPY x y'),
      out: df('FROM alpine:3.20', 'WORKDIR /app', 'WORKDIR /src', 'RUN make install', 'WORKDIR /app', 'COPY x y'),
    },
    {
      src: df('FROM alpine:3.20', 'WORKDIR /app', 'RUN cd build && \\', '    cmake .. && make'),
      out: df('FROM alpine:3.20', 'WORKDIR /app', 'WORKDIR /app/build', 'RUN cmake .. && make', 'WORKDIR /app'),
    },
    { src: df('FROM alpine:3.20', 'RUN cd /src && make'), out: df('FROM alpine:3.20', 'RUN cd /src && make') },
    { src: df('FROM alpine:3.20', 'WORKDIR /app', 'RUN make; cd /x && ls'), out: df('FROM alpine:3.20', 'WORKDIR /app', 'RUN make; cd /x && ls') },
  ],
} satisfies RuleCases;
