import { bad, deploymentObj, docs, good, one, pod, table } from '../helpers.js';

const probe = { httpGet: { path: '/ready', port: 8080 } };
const svc = (namespace?: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', ...(namespace ? { namespace } : {}) }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
const WITH_KUBE_SCORE = ['CKV_K8S_9', 'kube-score:pod-probes', 'polaris:readinessProbeMissing'];
const WITHOUT = ['CKV_K8S_9', 'polaris:readinessProbeMissing'];

export default table('K8S-REL-READINESS', [
  // kube-score only asks for a readinessProbe when a Service routes to the pods.
  { ...bad('pod without readinessProbe, no Service', pod(one())), aliases: WITHOUT },
  { ...bad('pods a Service targets', docs(deploymentObj(one()), svc())), aliases: WITH_KUBE_SCORE },
  { ...bad('a Service of another namespace does not target them', docs(deploymentObj(one()), svc('other'))), aliases: WITHOUT },
  // kube-score judges the pod: one container with a probe is enough for it.
  { ...bad('one of two containers without', docs(deploymentObj({ containers: [{ name: 'a', image: 'a:1', readinessProbe: probe }, { name: 'b', image: 'b:1' }] }), svc())), aliases: WITHOUT },
  good('readinessProbe set', pod(one({ readinessProbe: probe }))),
  good('Jobs do not need one', docs({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { ...one(), restartPolicy: 'Never' } } } })),
  good('init containers do not need one', pod({ ...one({ readinessProbe: probe }), initContainers: [{ name: 'i', image: 'a:1' }] })),
]);
