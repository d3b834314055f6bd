import { CHANGE_VERBS, grantsNamed, namesLiterally, roleRuleCheck } from '../rbac.js';

export const check = roleRuleCheck({
  id: 'K8S-RBAC-AWS-AUTH',
  severity: 'error',
  title: "Role can change EKS's aws-auth ConfigMap",
  aliases: ['KSV-0115'],
  helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html',
  grants: (r) => r.resourceNames.includes('aws-auth') && grantsNamed(r, ['configmaps'], [...CHANGE_VERBS, 'impersonate']),
  trivy: (r) => (r.resourceNames.includes('aws-auth') && namesLiterally(r, ['configmaps'], [...CHANGE_VERBS, 'impersonate', '*']) ? ['KSV-0115'] : []),
  what: () => 'change aws-auth, which maps IAM identities to Kubernetes users and groups (system:masters included)',
});
