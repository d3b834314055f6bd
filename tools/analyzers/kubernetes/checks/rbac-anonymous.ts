import { describe, withTrivy } from '../model.js';
import { BINDING_KINDS, subjectsOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const DANGEROUS_SUBJECTS: Record<string, { who: string; trivy: string }> = {
  'system:anonymous': { who: 'unauthenticated users', trivy: 'KSV-0122' },
  'system:unauthenticated': { who: 'unauthenticated users', trivy: 'KSV-0122' },
  'system:masters': { who: 'the system:masters group (bypasses all authorization)', trivy: 'KSV-0123' },
};

/** On GKE, system:authenticated is every Google account, inside the organisation or not. */
const GKE_AUTHENTICATED = { who: 'every Google account (system:authenticated on GKE)', trivy: 'KSV-01011' };

export const check: K8sCheck = {
  id: 'K8S-RBAC-ANONYMOUS',
  severity: 'error',
  title: 'Binding to system:anonymous, system:unauthenticated or system:masters (system:authenticated on GKE)',
  aliases: ['KSV-0122', 'KSV-0123', 'KSV-01011', 'kubesec:BindingsToSystemAnonymous'],
  check: (ctx, opts) => {
    const out: K8sIssue[] = [];
    // A GKE version (1.29.1-gke.1589000) as target tells that the cluster is GKE, as Trivy reads it.
    const gke = (opts.targetKubernetesVersion ?? '').includes('-gke');
    for (const o of ctx.objects) {
      if (!BINDING_KINDS.has(o.kind)) continue;
      for (const s of subjectsOf(o)) {
        const danger = DANGEROUS_SUBJECTS[s.name] ?? (gke && s.name === 'system:authenticated' ? GKE_AUTHENTICATED : undefined);
        if (!danger) continue;
        // Trivy's library spells the cluster-wide kind "ClusterRolebinding": its checks judge RoleBindings only.
        const aliases = withTrivy(check.aliases, o.kind === 'RoleBinding' ? [danger.trivy] : []);
        out.push({ object: o, path: ['subjects', s.index, 'name'], aliases, message: `${describe(o)} grants ${String(o.value.roleRef?.name ?? 'a role')} to ${danger.who}` });
      }
    }
    return out;
  },
};
