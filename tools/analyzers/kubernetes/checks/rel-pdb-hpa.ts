import { describe } from '../model.js';
import { hpasTargeting, pdbsCovering } from '../refs.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Pods a minAvailable asks to keep when `pods` run: a count, or a percentage rounded up (as the disruption controller does). */
function needed(minAvailable: unknown, pods: number): number | undefined {
  if (typeof minAvailable === 'number') return minAvailable;
  const pct = typeof minAvailable === 'string' ? /^(\d+(?:\.\d+)?)%$/.exec(minAvailable.trim()) : null;
  return pct ? Math.ceil((Number(pct[1]) * pods) / 100) : undefined;
}

export const check: K8sCheck = {
  id: 'K8S-REL-PDB-HPA',
  severity: 'warning',
  title: "PodDisruptionBudget minAvailable not below the HPA's minReplicas",
  aliases: ['polaris:pdbMinAvailableGreaterThanHPAMinReplicas'],
  helpUri: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const o = p.object;
      if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet') continue;
      for (const hpa of hpasTargeting(ctx, o)) {
        const min = hpa.value.spec?.minReplicas;
        if (typeof min !== 'number') continue;
        for (const pdb of pdbsCovering(ctx, p)) {
          const minAvailable = pdb.value.spec?.minAvailable;
          const keep = needed(minAvailable, min);
          if (keep === undefined || keep < min) continue;
          // Polaris judges Deployments, counts a percentage of spec.replicas, and only flags more than minReplicas.
          const replicas = o.value.spec?.replicas;
          const polarisKeep = typeof minAvailable === 'number' ? minAvailable : typeof replicas === 'number' ? needed(minAvailable, replicas) : undefined;
          const aliases = o.kind === 'Deployment' && polarisKeep !== undefined && polarisKeep > min ? check.aliases : [];
          out.push({ object: pdb, path: ['spec', 'minAvailable'], aliases, message: `${describe(pdb)} keeps ${keep} of the pods of ${describe(o)} available, and ${describe(hpa)} may scale it down to ${min}: at that scale no pod can be evicted, so node drains hang` });
        }
      }
    }
    return out;
  },
};
