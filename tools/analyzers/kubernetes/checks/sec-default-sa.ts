import { describe, podIssue } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-DEFAULT-SA',
  severity: 'info',
  title: 'Pod uses the default ServiceAccount',
  aliases: ['CKV_K8S_41', 'CKV_K8S_42', 'kubesec:ServiceAccountName'],
  check: (ctx) =>
    ctx.pods
      .filter((p) => {
        const name = p.spec.serviceAccountName ?? p.spec.serviceAccount;
        return name === undefined || name === 'default';
      })
      .map((p) => podIssue(p, ['serviceAccountName'], `${describe(p.object)} runs as the namespace's default ServiceAccount: give it its own`)),
};
