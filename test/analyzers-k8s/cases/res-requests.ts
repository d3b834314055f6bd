import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-RES-REQUESTS', [
  bad('no resources', pod(one())),
  // The upstream checks are per resource.
  { ...bad('only a memory request', pod(one({ resources: { requests: { memory: '64Mi' } } }))), aliases: ['KSV-0015', 'CKV_K8S_10', 'kube-score:container-resources', 'polaris:cpuRequestsMissing', 'kubesec:RequestsCPU'] },
  bad('limits without requests', pod(one({ resources: { limits: { cpu: '1', memory: '1Gi' } } }))),
  good('cpu and memory requests', pod(one({ resources: { requests: { cpu: '100m', memory: '64Mi' } } }))),
  good('numeric cpu request', pod(one({ resources: { requests: { cpu: 1, memory: '64Mi' } } }))),
]);
