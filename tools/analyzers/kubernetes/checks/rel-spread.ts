import { describe, getIn, isRecord, kubeScoreForKind, selectorMatches } from '../model.js';
import { setsFewerReplicas } from '../refs.js';
import type { Json, K8sCheck, K8sIssue, PodTemplate } from '../types.js';

const ALIASES = ['kube-score:deployment-has-host-podantiaffinity', 'kube-score:statefulset-has-host-podantiaffinity', 'polaris:topologySpreadConstraint'];

/** Topology keys that put replicas on different nodes (kube-score's list). */
const SPREADING_KEYS = new Set(['kubernetes.io/hostname', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone']);

const list = (v: Json): Json[] => (Array.isArray(v) ? v : []);

/** A podAntiAffinity term (required, or the podAffinityTerm of a preferred one) that keeps the workload's own pods apart. */
function antiAffinitySpreads(p: PodTemplate): boolean {
  const anti = getIn(p.spec, ['affinity', 'podAntiAffinity']);
  if (!isRecord(anti)) return false;
  const terms = [
    ...list(anti.requiredDuringSchedulingIgnoredDuringExecution),
    ...list(anti.preferredDuringSchedulingIgnoredDuringExecution).map((t) => (isRecord(t) ? t.podAffinityTerm : undefined)),
  ];
  return terms.some((t) => isRecord(t) && SPREADING_KEYS.has(String(t.topologyKey)) && selectorMatches(t.labelSelector, p.labels));
}

/** A topologySpreadConstraint that counts the workload's own pods. */
function constraintSpreads(p: PodTemplate): boolean {
  return list(p.spec.topologySpreadConstraints).some((t) => isRecord(t) && typeof t.topologyKey === 'string' && selectorMatches(t.labelSelector, p.labels));
}

export const check: K8sCheck = {
  id: 'K8S-REL-SPREAD',
  severity: 'info',
  title: 'Replicas are not spread across nodes',
  aliases: ALIASES,
  helpUri: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const o = p.object;
      // An explicit single replica has nothing to spread; an unset count may be an autoscaler's (kube-score reads it so).
      if ((o.kind !== 'Deployment' && o.kind !== 'StatefulSet') || setsFewerReplicas(o, 2)) continue;
      if (antiAffinitySpreads(p) || constraintSpreads(p)) continue;
      const aliases = kubeScoreForKind(ALIASES, o.kind).filter((a) => a !== 'polaris:topologySpreadConstraint' || list(p.spec.topologySpreadConstraints).length === 0);
      const replicas = typeof o.value.spec?.replicas === 'number' ? `${o.value.spec.replicas} replicas` : 'an unset replica count (an autoscaler may run several)';
      out.push({ object: o, path: [...p.specPath, 'affinity'], aliases, message: `${describe(o)} has ${replicas} but no podAntiAffinity or topologySpreadConstraint that keeps its own pods apart: they may all land on one node` });
    }
    return out;
  },
};
