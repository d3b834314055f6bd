import { bad, docs, good, table } from '../helpers.js';

const ing = (spec: Record<string, unknown>) => docs({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ host: 'a.example.com' }], ...spec } });

export default table('K8S-INGRESS-TLS', [
  bad('no tls', ing({})),
  bad('empty tls list', ing({ tls: [] })),
  good('tls with a secret', ing({ tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }] })),
]);
