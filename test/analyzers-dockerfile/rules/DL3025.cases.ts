import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM node:22', 'CMD node server.js'), line: 2 }, { src: df('FROM node:22', 'ENTRYPOINT /docker-entrypoint.sh'), line: 2 }, { src: df('FROM node:22', 'HEALTHCHECK --interval=30s \\', '  CMD curl -f http://localhost:3000/ || exit 1'), line: 2 }],
  good: [df('FROM node:22', 'CMD ["node", "server.js"]'), df('FROM node:22', 'ENTRYPOINT ["/docker-entrypoint.sh"]'), df('FROM node:22', 'HEALTHCHECK --timeout=3s CMD ["node", "healthcheck.js"]'), df('FROM node:22', 'HEALTHCHECK NONE')],
  fixes: [
    { src: df('FROM node:22', 'CMD node server.js --port 8080'), out: df('FROM node:22', 'CMD ["node", "server.js", "--port", "8080"]') },
    { src: df('FROM node:22', 'CMD exec "node" \'app.js\''), out: df('FROM node:22', 'CMD ["node", "app.js"]') },
    { src: df('FROM node:22', 'CMD node app.js > /var/log/app.log'), out: df('FROM node:22', 'CMD node app.js > /var/log/app.log') },
    { src: df('FROM node:22', 'CMD node $APP_MAIN'), out: df('FROM node:22', 'CMD node $APP_MAIN') },
    { src: df('FROM node:22', 'ENTRYPOINT /run.sh', 'CMD ["--help"]'), out: df('FROM node:22', 'ENTRYPOINT /run.sh', 'CMD ["--help"]') },
  ],
} satisfies RuleCases;
