import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM alpine:3.20 AS build', 'FROM scratch', 'COPY --from=build / /'), line: 3 }, { src: df('FROM alpine:3.20 AS build', 'FROM scratch', 'COPY --from=build "/" "/"'), line: 3 }],
  good: [df('FROM alpine:3.20 AS build', 'FROM scratch', 'COPY --from=build /out/app /app'), df('FROM alpine:3.20 AS rootfs', 'FROM scratch', 'COPY --from=rootfs / /rootfs/')],
} satisfies RuleCases;
