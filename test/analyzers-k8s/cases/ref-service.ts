import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const svc = (selector: Record<string, string> | undefined, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ...(selector ? { selector } : {}), ports: [{ port: 80 }], ...extra } });

export default table('K8S-REF-SERVICE', [
  bad('selects labels no pod has', docs(deploymentObj(one()), svc({ app: 'api' }))),
  bad('selects more labels than the pods have', docs(deploymentObj(one()), svc({ app: 'web', tier: 'front' }))),
  bad('its pods are in another namespace', docs(deploymentObj(one(), {}, { namespace: 'shop' }), svc({ app: 'web' }))),
  good('selects the pods', docs(deploymentObj(one()), svc({ app: 'web' }))),
  good('no workloads analyzed: cannot judge', docs(svc({ app: 'api' }))),
  good('no workload of its namespace, none selected elsewhere: cannot judge', docs(deploymentObj(one(), {}, { namespace: 'shop' }), svc({ app: 'api' }))),
  good('ExternalName Service', docs(deploymentObj(one()), svc(undefined, { type: 'ExternalName', externalName: 'db.example.com' }))),
  good('selector-less Service', docs(deploymentObj(one()), svc(undefined))),
]);
