import { bad, deployment, good, one, table } from '../helpers.js';

export default table('K8S-SEC-TILLER', [
  { ...bad('the Tiller image', deployment({ containers: [{ name: 'tiller', image: 'ghcr.io/helm/tiller:v2.17.0' }] })), aliases: ['KSV-0102'] },
  bad('Helm 2 labels', deployment(one(), { template: { metadata: { labels: { app: 'helm', name: 'tiller' } }, spec: one() } })),
  bad('named tiller-deploy', deployment(one(), {}, { name: 'tiller-deploy' })),
  good('a name that only contains the letters (distiller)', deployment(one(), {}, { name: 'distiller' })),
  good('an ordinary deployment', deployment(one())),
]);
