import { bad, docs, good, one, pod, table } from '../helpers.js';

export default table('K8S-NS-DEFAULT', [
  bad('namespace default', pod(one(), { namespace: 'default' })),
  bad('namespace kube-system', pod(one(), { namespace: 'kube-system' })),
  // Trivy: KSV-0110 is about workloads in default, KSV-0037 about anything in kube-system.
  { ...bad('workload in default: KSV-0110', pod(one(), { namespace: 'default' })), aliases: ['KSV-0110', 'CKV_K8S_21'] },
  { ...bad('ConfigMap in default: no Trivy id', docs({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: {} })), aliases: ['CKV_K8S_21'] },
  { ...bad('kube-system: KSV-0037', pod(one(), { namespace: 'kube-system' })), aliases: ['KSV-0037', 'CKV_K8S_21'] },
  // kubeadm's static pods are where they belong.
  good('control-plane component in kube-system', pod(one({}, { priorityClassName: 'system-node-critical' }), { namespace: 'kube-system', labels: { tier: 'control-plane', component: 'kube-apiserver' } })),
  good('own namespace', pod(one(), { namespace: 'shop' })),
  good('no namespace (set at apply time)', pod(one())),
]);
