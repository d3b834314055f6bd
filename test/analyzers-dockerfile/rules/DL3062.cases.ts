import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM golang:1.23', 'RUN go install github.com/go-delve/delve/cmd/dlv'), line: 2 }, { src: df('FROM golang:1.23', 'RUN go install golang.org/x/tools/gopls@latest'), line: 2 }],
  good: [df('FROM golang:1.23', 'RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1'), df('FROM golang:1.23', 'RUN go install ./cmd/server'), df('FROM golang:1.23', 'RUN go build -o /app .')],
} satisfies RuleCases;
