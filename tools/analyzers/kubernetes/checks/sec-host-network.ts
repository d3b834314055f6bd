import { describe, podIssue } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-HOST-NETWORK',
  severity: 'error',
  title: 'Pod shares the host network namespace',
  aliases: ['KSV-0009', 'CKV_K8S_19', 'polaris:hostNetworkSet', 'kubesec:HostNetwork'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) =>
    ctx.pods.filter((p) => p.spec.hostNetwork === true).map((p) => podIssue(p, ['hostNetwork'], `${describe(p.object)} sets hostNetwork: true, sharing the host's network namespace`)),
};
