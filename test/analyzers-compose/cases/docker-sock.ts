import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-DOCKER-SOCK', [
  bad('short syntax', svc({ volumes: ['/var/run/docker.sock:/var/run/docker.sock'] })),
  bad('read-only does not help', svc({ volumes: ['/var/run/docker.sock:/var/run/docker.sock:ro'] })),
  bad('long syntax', svc({ volumes: [{ type: 'bind', source: '/run/containerd/containerd.sock', target: '/c.sock' }] })),
  good('named volume', svc({ volumes: ['data:/var/lib/data'] })),
  good('project folder', svc({ volumes: ['./src:/app/src'] })),
]);
