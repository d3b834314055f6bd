import { df, project } from '../cases.js';
import type { RuleCases } from '../cases.js';

const at = (path: string, line = 1) => ({ method: 'GET', path, file: 'app.js', line });
/** An Express app that serves / and /api/items only (the /health probe of issue 13 is invented). */
const express = project({ language: 'node', framework: 'express', facts: { routes: [at('/'), at('/api/items'), at('/users/:id')], root: { file: 'app.js', line: 3, via: 'a route for /' } } });
const nodeProbe = (p: string) => `HEALTHCHECK CMD ["node", "-e", "require('http').get({host:'127.0.0.1',port:3000,path:'${p}',timeout:2000},r=>process.exit(r.statusCode<400?0:1))"]`;

export default {
  bad: [
    { src: df('FROM node:22-bookworm-slim', 'EXPOSE 3000', nodeProbe('/health'), 'CMD ["node", "app.js"]'), line: 3, project: express, message: 'HEALTHCHECK asks for /health, which the app does not serve' },
    { src: df('FROM alpine:3.21', 'HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz', 'ENTRYPOINT ["/app/server"]'), line: 2, message: 'probe /ping',
      project: project({ language: 'go', facts: { routes: [{ method: 'ANY', path: '/ping', file: 'main.go', line: 12 }, { method: 'GET', path: '/articles', file: 'main.go', line: 14 }] } }) },
    { src: df('FROM python:3.12-slim', "HEALTHCHECK CMD python -c \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/status')\"", 'CMD ["gunicorn", "app:app"]'), line: 2,
      project: project({ language: 'python', framework: 'flask', facts: { routes: [{ method: 'GET', path: '/hello', file: 'app.py', line: 5 }] } }) },
  ],
  good: [
    { src: df('FROM node:22-bookworm-slim', nodeProbe('/'), 'CMD ["node", "app.js"]'), project: express },
    { src: df('FROM node:22-bookworm-slim', nodeProbe('/users/42'), 'CMD ["node", "app.js"]'), project: express },
    { src: df('FROM node:22-bookworm-slim', nodeProbe('/health'), 'CMD ["node", "app.js"]') },
    { src: df('FROM python:3.12-slim', "HEALTHCHECK CMD python -c \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/docs')\""),
      project: project({ language: 'python', framework: 'fastapi', facts: { routes: [{ method: 'GET', path: '/items', file: 'main.py', line: 4 }] } }) },
    { src: df('FROM node:22-bookworm-slim', 'HEALTHCHECK NONE'), project: express },
    { src: df('FROM node:22-bookworm-slim', nodeProbe('/health'), 'CMD ["node", "app.js"]'), project: project({ language: 'node' }) },
  ],
} satisfies RuleCases;
