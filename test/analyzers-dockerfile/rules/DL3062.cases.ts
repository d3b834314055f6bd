import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM golang:1.23', 'RUN go install github.com/go-delve/delve/cmd/dlv'), line: 2 },
    { src: df('FROM golang:1.23', 'RUN go install golang.org/x/tools/gopls@latest'), line: 2 },
    // A tool dependency is fetched whatever its name looks like.
    { src: df('FROM golang:1.24', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go get -tool stringer'), line: 4, message: 'stringer' },
    { src: df('FROM golang:1.24', 'WORKDIR /src', 'RUN go mod init example.com/app && \\', '    go get -tool mockgen@latest'), line: 4 },
  ],
  good: [
    df('FROM golang:1.23', 'RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1'),
    df('FROM golang:1.23', 'RUN go install ./cmd/server'),
    df('FROM golang:1.23', 'RUN go build -o /app .'),
    df('FROM golang:1.24', 'WORKDIR /src', 'RUN go get -tool golang.org/x/tools/cmd/stringer@v0.26.0'),
  ],
} satisfies RuleCases;
