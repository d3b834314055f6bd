import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM debian:12', 'RUN curl -k https://example.com/x -o /x'), line: 2 },
    { src: df('FROM debian:12', 'RUN wget --no-check-certificate https://example.com/x'), line: 2 },
    { src: df('FROM python:3.12', 'RUN pip install --trusted-host pypi.example.com -r r.txt'), line: 2 },
    { src: df('FROM node:22', 'RUN npm config set strict-ssl false'), line: 2 },
    { src: df('FROM debian:12', 'RUN git -c http.sslVerify=false clone https://example.com/r.git'), line: 2 },
  ],
  good: [df('FROM debian:12', 'RUN curl -fsSL https://example.com/x -o /x'), df('FROM debian:12', 'RUN curl -fsSLk'.replace('k', 'O') + ' https://example.com/x')],
} satisfies RuleCases;
