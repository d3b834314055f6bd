import { describe, isRecord, withTrivy } from '../model.js';
import type { K8sCheck, K8sObject } from '../types.js';

const SHARED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** The kinds Trivy's KSV-0110 judges (workloads). */
const TRIVY_WORKLOAD_KINDS = new Set(['pod', 'replicaset', 'replicationcontroller', 'deployment', 'statefulset', 'daemonset', 'cronjob', 'job']);

/**
 * A control-plane component as Trivy's KSV-0037 recognises one: labels tier=control-plane and component
 * kube-apiserver, etcd, kube-controller-manager or kube-scheduler, and spec.priorityClassName system-node-critical
 * (what kubeadm's static pods carry). Those belong in kube-system.
 */
function isCoreComponent(o: K8sObject): boolean {
  const labels = isRecord(o.value.metadata?.labels) ? o.value.metadata.labels : {};
  return (
    labels.tier === 'control-plane' &&
    ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler'].includes(labels.component) &&
    o.value.spec?.priorityClassName === 'system-node-critical'
  );
}

export const check: K8sCheck = {
  id: 'K8S-NS-DEFAULT',
  severity: 'info',
  title: 'Object in the default or a system namespace',
  aliases: ['KSV-0110', 'KSV-0037', 'CKV_K8S_21'],
  check: (ctx) =>
    ctx.objects
      .filter((o) => o.namespace !== undefined && SHARED_NAMESPACES.has(o.namespace) && !(o.namespace === 'kube-system' && isCoreComponent(o)))
      .map((o) => ({
        object: o,
        path: ['metadata', 'namespace'],
        message: `${describe(o)} is placed in namespace ${o.namespace}: give the application its own namespace`,
        // Trivy: KSV-0110 is about workloads in default, KSV-0037 about anything in kube-system.
        aliases: withTrivy(check.aliases, [
          ...(o.namespace === 'default' && TRIVY_WORKLOAD_KINDS.has(o.kind.toLowerCase()) ? ['KSV-0110'] : []),
          ...(o.namespace === 'kube-system' ? ['KSV-0037'] : []),
        ]),
      })),
};
