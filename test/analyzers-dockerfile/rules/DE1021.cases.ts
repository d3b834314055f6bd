import { df, project } from '../cases.js';
import type { RuleCases } from '../cases.js';

const hardCoded = project({ language: 'node', facts: { listen: { port: 3000, localOnly: false, why: 'listens on every interface', file: 'main.ts', line: 7 } } });
const fromEnv = project({ language: 'node', facts: { listen: { port: 3000, portEnv: 'PORT', localOnly: false, why: 'listens on every interface', file: 'server.js', line: 12 } } });

export default {
  bad: [
    { src: df('FROM node:22-bookworm-slim', 'ENV PORT=8080', 'EXPOSE 8080', 'CMD ["node", "dist/main"]'), line: 3, project: hardCoded, message: 'the app listens on 3000 (main.ts:7)' },
    { src: df('FROM python:3.12-slim', 'EXPOSE 5000', 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]'), line: 2, project: project({ language: 'python' }), message: 'listens on 8000' },
    { src: df('FROM node:22-bookworm-slim', 'EXPOSE 8080', 'CMD ["node", "server.js"]'), line: 2, project: fromEnv, message: 'PORT is not set' },
  ],
  good: [
    { src: df('FROM node:22-bookworm-slim', 'ENV PORT=8080', 'EXPOSE 8080', 'CMD ["node", "server.js"]'), project: fromEnv },
    { src: df('FROM node:22-bookworm-slim', 'EXPOSE 3000', 'CMD ["node", "dist/main"]'), project: hardCoded },
    { src: df('FROM python:3.12-slim', 'EXPOSE 8000', 'CMD ["uvicorn", "app:app", "--port", "8000"]'), project: project({ language: 'python' }) },
    { src: df('FROM node:22-bookworm-slim', 'EXPOSE 9999', 'CMD ["node", "server.js"]') },
  ],
} satisfies RuleCases;
