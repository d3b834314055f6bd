import { df, project } from '../cases.js';
import type { RuleCases } from '../cases.js';

/** A Go server that parses templates/ and serves static/ from disk at run time (issue 13: the binary-only final stage panics). */
const goTemplates = project({
  language: 'go',
  files: ['main.go', 'go.mod', 'templates/index.html', 'static/app.css'],
  facts: { runtimeFiles: [{ path: 'templates', via: 'ParseGlob', file: 'main.go', line: 20 }, { path: 'static', via: 'http.Dir', file: 'main.go', line: 24 }] },
});
const goBuild = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .'];

export default {
  bad: [
    { src: df(...goBuild, 'FROM alpine:3.21', 'COPY --from=build /out/app /app/app', 'ENTRYPOINT ["/app/app"]'), line: 7, count: 2, project: goTemplates, message: 'main.go:20 reads templates at run time' },
    // Copied, but without WORKDIR the process looks for /templates.
    { src: df(...goBuild, 'FROM alpine:3.21', 'COPY --from=build /out/app /app/app', 'COPY templates /app/templates', 'COPY static /app/static', 'ENTRYPOINT ["/app/app"]'), line: 9, count: 2, project: goTemplates },
    // `COPY . .` brings everything except what .dockerignore keeps out.
    { src: df('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["python", "app.py"]'), line: 4, message: '.dockerignore excludes it',
      project: project({ language: 'python', files: ['app.py', 'templates/index.html'], dockerignore: ['templates'], facts: { runtimeFiles: [{ path: 'templates', via: 'read at run time', file: 'app.py', line: 9 }] } }) },
  ],
  good: [
    { src: df(...goBuild, 'FROM alpine:3.21', 'WORKDIR /app', 'COPY --from=build /out/app /app/app', 'COPY templates ./templates', 'COPY static ./static', 'ENTRYPOINT ["/app/app"]'), project: goTemplates },
    { src: df(...goBuild, 'FROM alpine:3.21', 'WORKDIR /srv', 'COPY --from=build /src /srv', 'ENTRYPOINT ["/out/app"]'), project: goTemplates },
    { src: df('FROM node:22-bookworm-slim AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'FROM node:22-bookworm-slim', 'WORKDIR /app', 'COPY --from=build /app ./', 'CMD ["node", "server.js"]'),
      project: project({ language: 'node', files: ['server.js', 'views/index.ejs'], dockerignore: ['node_modules', '!views'], facts: { runtimeFiles: [{ path: 'views', via: 'view templates', file: 'server.js', line: 8 }] } }) },
    { src: df(...goBuild, 'FROM alpine:3.21', 'COPY --from=build /out/app /app/app', 'ENTRYPOINT ["/app/app"]'), project: project({ language: 'go', files: ['main.go'] }) },
  ],
} satisfies RuleCases;
