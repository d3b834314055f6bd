import { df, project } from '../cases.js';
import type { RuleCases } from '../cases.js';

/** A FastAPI package with relative imports: app/main.py, started as a module from /app. */
const fastapiPackage = project({ language: 'python', framework: 'fastapi', files: ['app/__init__.py', 'app/main.py', 'app/routers/items.py', 'requirements.txt'] });

export default {
  bad: [
    { src: df('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]'), line: 4, project: fastapiPackage, message: 'module main, which is not in the project' },
    { src: df('FROM node:22-bookworm-slim', 'WORKDIR /app', 'COPY dist ./dist', 'CMD ["node", "server.js"]'), line: 4, message: 'the final stage has no server.js',
      project: project({ language: 'node', files: ['server.js', 'package.json', 'dist/x.js'] }) },
    { src: df('FROM python:3.12-slim', 'WORKDIR /srv', 'COPY app /app', 'CMD ["python", "-m", "app.main"]'), line: 4, project: fastapiPackage },
  ],
  good: [
    { src: df('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]'), project: fastapiPackage },
    { src: df('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app.main:app"]'), project: fastapiPackage },
    { src: df('FROM node:22-bookworm-slim', 'WORKDIR /app', 'COPY --from=build /app/dist ./dist', 'CMD ["node", "dist/index.js"]'), project: project({ language: 'node', files: ['src/index.ts'] }) },
    { src: df('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["python", "-c", "print(1)"]'), project: fastapiPackage },
    { src: df('FROM node:22-bookworm-slim', 'COPY . .', 'CMD ["node", "server.js"]') },
  ],
} satisfies RuleCases;
