import { df, project } from '../cases.js';
import type { RuleCases } from '../cases.js';

const hostEnv = project({ language: 'node', facts: { listen: { port: 3000, portEnv: 'PORT', host: 'localhost', hostEnv: 'HOST', localOnly: true, why: 'listens on localhost unless HOST is set', file: 'server.js', line: 30 } } });
const goFlag = project({ language: 'go', facts: { listen: { port: 8080, host: 'localhost', addrFlag: { flag: 'addr', default: 'localhost:8080' }, localOnly: true, why: '-addr defaults to localhost:8080', file: 'main.go', line: 18 } } });
const rustHard = project({ language: 'rust', facts: { listen: { port: 8080, host: '127.0.0.1', localOnly: true, why: 'binds 127.0.0.1', file: 'src/main.rs', line: 46 } } });
const flaskRun = project({ language: 'python', framework: 'flask', facts: { listen: { port: 5000, host: '127.0.0.1', localOnly: true, why: 'run() without host binds 127.0.0.1 only', file: 'app.py', line: 40 } } });

export default {
  bad: [
    { src: df('FROM node:22-bookworm-slim', 'ENV PORT=3000', 'CMD ["node", "server.js"]'), line: 3, project: hostEnv, message: 'set ENV HOST=0.0.0.0' },
    { src: df('FROM alpine:3.21', 'ENTRYPOINT ["/app/helloserver"]'), line: 2, project: goFlag, message: 'pass -addr=:8080' },
    { src: df('FROM debian:12-slim', 'ENTRYPOINT ["/app/server"]'), line: 2, project: rustHard, message: 'src/main.rs:46' },
    { src: df('FROM python:3.12-slim', 'CMD ["python", "app.py"]'), line: 2, project: flaskRun },
    { src: df('FROM node:22-bookworm-slim', 'ENV HOST=127.0.0.1', 'CMD ["node", "server.js"]'), line: 3, project: hostEnv },
  ],
  good: [
    { src: df('FROM node:22-bookworm-slim', 'ENV HOST=0.0.0.0', 'CMD ["node", "server.js"]'), project: hostEnv },
    { src: df('FROM alpine:3.21', 'ENTRYPOINT ["/app/helloserver", "-addr=:8080"]'), project: goFlag },
    { src: df('FROM alpine:3.21', 'ENTRYPOINT ["/app/helloserver", "-addr", "0.0.0.0:8080"]'), project: goFlag },
    { src: df('FROM python:3.12-slim', 'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]'), project: flaskRun },
    { src: df('FROM debian:12-slim', 'ENTRYPOINT ["/app/server"]'), project: project({ language: 'rust' }) },
  ],
} satisfies RuleCases;
