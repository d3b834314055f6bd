import { bad, docs, good, one, pod, table } from '../helpers.js';

const probe = { httpGet: { path: '/ready', port: 8080 } };

export default table('K8S-REL-READINESS', [
  bad('pod without readinessProbe', pod(one())),
  good('readinessProbe set', pod(one({ readinessProbe: probe }))),
  good('Jobs do not need one', docs({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { ...one(), restartPolicy: 'Never' } } } })),
  good('init containers do not need one', pod({ ...one({ readinessProbe: probe }), initContainers: [{ name: 'i', image: 'a:1' }] })),
]);
