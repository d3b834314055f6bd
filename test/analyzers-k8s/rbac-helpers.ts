type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

export const role = (rules: Rule[], name = 'app-role', kind = 'ClusterRole') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name }, rules });
export const binding = (roleName: string, opts: { kind?: string; roleKind?: string; subjects?: { kind: string; name: string }[]; name?: string } = {}) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: opts.kind ?? 'ClusterRoleBinding',
  metadata: { name: opts.name ?? 'app-binding' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: opts.roleKind ?? 'ClusterRole', name: roleName },
  subjects: opts.subjects ?? [{ kind: 'ServiceAccount', name: 'app', namespace: 'shop' }],
});
