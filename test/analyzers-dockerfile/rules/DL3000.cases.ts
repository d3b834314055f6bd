import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM alpine:3.20', 'WORKDIR app'), line: 2 },
    { src: df('FROM alpine:3.20', 'WORKDIR ./src'), line: 2 },
  ],
  good: [df('FROM alpine:3.20', 'WORKDIR /app'), df('FROM alpine:3.20', 'WORKDIR $HOME/app'), df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'WORKDIR C:\\\\app'), df('FROM alpine:3.20', 'WORKDIR "/srv/my app"'), df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'WORKDIR D:')],
} satisfies RuleCases;
