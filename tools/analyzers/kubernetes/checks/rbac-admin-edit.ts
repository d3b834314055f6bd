import { describe } from '../model.js';
import { BINDING_KINDS, subjectsOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** The default user-facing roles below cluster-admin (cluster-admin itself is K8S-RBAC-CLUSTER-ADMIN's). */
const BROAD_ROLES = ['admin', 'edit'];

export const check: K8sCheck = {
  id: 'K8S-RBAC-ADMIN-EDIT',
  severity: 'info',
  title: 'Binding to the admin or edit role',
  // With K8S-RBAC-CLUSTER-ADMIN (bindings to cluster-admin) this is Trivy's KSV-0111.
  aliases: ['KSV-0111'],
  // Granting a namespace's admin or edit role is how Kubernetes means them to be used; Trivy reports it by default.
  optional: true,
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      // Kubernetes' own bindings are left alone, as in K8S-RBAC-CLUSTER-ADMIN.
      if (!BINDING_KINDS.has(o.kind) || o.name.startsWith('system:')) continue;
      if (subjectsOf(o).length > 0 && subjectsOf(o).every((s) => s.name.startsWith('system:'))) continue;
      const name = o.value.roleRef?.name;
      if (BROAD_ROLES.includes(name)) out.push({ object: o, path: ['roleRef', 'name'], message: `${describe(o)} grants the ${name} role: ${name === 'admin' ? 'read and write access to nearly everything in the namespace, Secrets and Roles included' : 'write access to workloads and read access to Secrets in the namespace'}` });
    }
    return out;
  },
};
