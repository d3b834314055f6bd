import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM debian:12', 'RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg'), line: 2 }, { src: df('FROM debian:12', 'SHELL ["/bin/bash", "-c"]', 'RUN a | b'), line: 3 },
    // sh may be dash, which has no pipefail: only shells that have it count.
    { src: df('FROM debian:12', 'SHELL ["/bin/sh", "-eo", "pipefail", "-c"]', 'RUN curl -fsSL https://example.com/install.sh | sh'), line: 3 },
    { src: df('FROM debian:12', 'SHELL ["/bin/dash", "-o", "pipefail", "-c"]', 'RUN ls /etc | wc -l'), line: 3 },
  ],
  good: [
    df('FROM debian:12', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg'),
    df('FROM debian:12', 'RUN set -eux -o pipefail; a | b'),
    df('FROM debian:12', 'RUN a || b'),
    df('FROM debian:12 AS base', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM base', 'RUN a | b'),
    df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN Get-Item x | Remove-Item'),
    df('FROM alpine:3.20', 'SHELL ["/bin/ash", "-euo", "pipefail", "-c"]', 'RUN wget -qO- https://example.com/key.pub | tee /etc/apk/keys/example.rsa.pub'),
    df('FROM debian:12', 'SHELL ["/usr/bin/env", "bash", "-o", "pipefail", "-c"]', 'RUN ls /etc | wc -l'),
    df('FROM debian:12', 'SHELL ["/usr/local/bin/zsh", "-o", "errexit", "-o", "pipefail", "-c"]', 'RUN ls /etc | wc -l'),
  ],
} satisfies RuleCases;
