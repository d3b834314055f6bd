import { describe, getIn } from '../model.js';
import { replicasOf } from '../refs.js';
import type { K8sCheck, PodTemplate } from '../types.js';

function spreads(p: PodTemplate): boolean {
  if (Array.isArray(p.spec.topologySpreadConstraints) && p.spec.topologySpreadConstraints.length > 0) return true;
  const anti = getIn(p.spec, ['affinity', 'podAntiAffinity']);
  return anti !== undefined && anti !== null;
}

export const check: K8sCheck = {
  id: 'K8S-REL-SPREAD',
  severity: 'info',
  title: 'Replicas are not spread across nodes',
  aliases: ['kube-score:deployment-has-host-podantiaffinity', 'kube-score:statefulset-has-host-podantiaffinity', 'polaris:topologySpreadConstraint'],
  helpUri: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
  check: (ctx) =>
    ctx.pods
      .filter((p) => (p.object.kind === 'Deployment' || p.object.kind === 'StatefulSet') && replicasOf(p.object) >= 2 && !spreads(p))
      .map((p) => ({ object: p.object, path: [...p.specPath, 'topologySpreadConstraints'], message: `${describe(p.object)} has ${replicasOf(p.object)} replicas but no topologySpreadConstraints or podAntiAffinity: they may all land on one node` })),
};
