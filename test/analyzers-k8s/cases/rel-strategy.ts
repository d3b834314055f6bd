import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
const dep = (strategy?: Record<string, unknown>) => deploymentObj(one(), strategy ? { strategy } : {});

export default table('K8S-REL-STRATEGY', [
  bad('Recreate behind a Service', docs(dep({ type: 'Recreate' }), svc)),
  good('RollingUpdate behind a Service', docs(dep({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }), svc)),
  good('strategy unset means RollingUpdate', docs(dep(), svc)),
  good('Recreate with no Service routing to it', docs(dep({ type: 'Recreate' }))),
]);
