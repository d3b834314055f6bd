import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-SECRET-ENV', [
  bad('secretKeyRef', pod(one({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }))),
  bad('envFrom secretRef', pod(one({ envFrom: [{ secretRef: { name: 's' } }] }))),
  good('configMapKeyRef', pod(one({ env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] }))),
  good('secret mounted as a file', pod(one({ volumeMounts: [{ name: 's', mountPath: '/run/secrets' }] }, { volumes: [{ name: 's', secret: { secretName: 's' } }] }))),
]);
