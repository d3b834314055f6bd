import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg'), line: 2 }, { src: df('FROM debian:12', 'SHELL ["/bin/bash", "-c"]', 'RUN a | b'), line: 3 }],
  good: [
    df('FROM debian:12', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg'),
    df('FROM debian:12', 'RUN set -eux -o pipefail; a | b'),
    df('FROM debian:12', 'RUN a || b'),
    df('FROM debian:12 AS base', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM base', 'RUN a | b'),
    df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN Get-Item x | Remove-Item'),
  ],
} satisfies RuleCases;
