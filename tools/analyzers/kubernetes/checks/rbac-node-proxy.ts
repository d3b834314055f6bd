import { grantsNamed, namesLiterally, roleRuleCheck } from '../rbac.js';

export const check = roleRuleCheck({
  id: 'K8S-RBAC-NODE-PROXY',
  severity: 'error',
  title: 'Role can reach the kubelet API (nodes/proxy)',
  aliases: ['KSV-0047'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
  grants: (r) => grantsNamed(r, ['nodes/proxy'], ['get', 'create']),
  trivy: (r) => (namesLiterally(r, ['nodes/proxy'], ['get', 'create']) ? ['KSV-0047'] : []),
  what: () => 'call the kubelet API through nodes/proxy (run commands in any pod of the node, bypassing audit and admission)',
});
