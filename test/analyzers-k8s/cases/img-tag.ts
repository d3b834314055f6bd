import { bad, good, pod, table } from '../helpers.js';

const img = (image: string) => pod({ containers: [{ name: 'a', image }] });

export default table('K8S-IMG-TAG', [
  bad('no tag', img('nginx')),
  bad(':latest', img('nginx:latest')),
  bad('registry with a port, no tag', img('registry.local:5000/team/app')),
  good('pinned tag', img('nginx:1.27.2')),
  good('registry with a port and a tag', img('registry.local:5000/team/app:2.1')),
  good('digest without tag', img('nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000')),
  good('templated image', img('app:${TAG}')),
]);
