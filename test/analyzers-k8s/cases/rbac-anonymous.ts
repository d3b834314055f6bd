import { bad, docs, good, table } from '../helpers.js';
import { binding } from '../rbac-helpers.js';

export default table('K8S-RBAC-ANONYMOUS', [
  bad('system:anonymous', docs(binding('view', { subjects: [{ kind: 'User', name: 'system:anonymous' }] }))),
  bad('system:unauthenticated and system:masters', docs(binding('view', { subjects: [{ kind: 'Group', name: 'system:unauthenticated' }, { kind: 'Group', name: 'system:masters' }] })), 2),
  good('a service account', docs(binding('view'))),
  // Trivy: KSV-0122 anonymous, KSV-0123 system:masters; its library spells the cluster-wide kind
  // "ClusterRolebinding", so it judges RoleBindings only.
  { ...bad('RoleBinding to system:masters', docs(binding('view', { kind: 'RoleBinding', roleKind: 'ClusterRole', subjects: [{ kind: 'Group', name: 'system:masters' }] }))), aliases: ['KSV-0123', 'kubesec:BindingsToSystemAnonymous'] },
  { ...bad('ClusterRoleBinding: no Trivy id', docs(binding('view', { subjects: [{ kind: 'User', name: 'system:anonymous' }] }))), aliases: ['kubesec:BindingsToSystemAnonymous'] },
  // On GKE system:authenticated is every Google account (KSV-01011); the target version tells GKE.
  { ...bad('system:authenticated on GKE', docs(binding('view', { kind: 'RoleBinding', subjects: [{ kind: 'Group', name: 'system:authenticated' }] }))), opts: { targetKubernetesVersion: '1.30.5-gke.1014001' }, aliases: ['KSV-01011', 'kubesec:BindingsToSystemAnonymous'] },
  good('system:authenticated elsewhere', docs(binding('view', { kind: 'RoleBinding', subjects: [{ kind: 'Group', name: 'system:authenticated' }] }))),
]);
