import { describe, isRecord } from '../model.js';
import type { Json, K8sCheck, K8sIssue } from '../types.js';

/** What is wrong with one topologySpreadConstraint, and how bad: the API server rejects all but a missing selector. */
function problem(t: Record<string, Json>): { field: string; message: string; severity: 'error' | 'warning' } | undefined {
  if (!isRecord(t.labelSelector)) return { field: 'labelSelector', message: 'has no labelSelector: it counts no pods, so it spreads nothing', severity: 'warning' };
  if (typeof t.maxSkew !== 'number' || t.maxSkew === 0) return { field: 'maxSkew', message: 'has no maxSkew (it must be 1 or more)', severity: 'error' };
  if (t.minDomains !== undefined && t.minDomains !== null && t.minDomains === 0) return { field: 'minDomains', message: 'sets minDomains to 0 (it must be 1 or more, or unset)', severity: 'error' };
  if (typeof t.topologyKey !== 'string' || t.topologyKey === '') return { field: 'topologyKey', message: 'has no topologyKey: the node label that makes the domains', severity: 'error' };
  if (t.whenUnsatisfiable !== 'DoNotSchedule' && t.whenUnsatisfiable !== 'ScheduleAnyway') return { field: 'whenUnsatisfiable', message: `has whenUnsatisfiable ${t.whenUnsatisfiable === undefined ? 'unset' : JSON.stringify(t.whenUnsatisfiable)} (DoNotSchedule or ScheduleAnyway)`, severity: 'error' };
  return undefined;
}

export const check: K8sCheck = {
  id: 'K8S-REL-TOPOLOGY-SPREAD',
  severity: 'error',
  title: 'Invalid topologySpreadConstraint',
  aliases: ['kube-score:pod-topology-spread-constraints'],
  helpUri: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const list = p.spec.topologySpreadConstraints;
      if (!Array.isArray(list)) continue;
      list.forEach((t: Json, i: number) => {
        if (!isRecord(t)) return;
        const bad = problem(t);
        if (bad) out.push({ object: p.object, path: [...p.specPath, 'topologySpreadConstraints', i, bad.field], severity: bad.severity, message: `${describe(p.object)}: topologySpreadConstraint ${i + 1} ${bad.message}` });
      });
    }
    return out;
  },
};
