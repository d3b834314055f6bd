import { describe, podIssue } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-HOST-PID',
  severity: 'error',
  title: 'Pod shares the host pid namespace',
  aliases: ['KSV-0010', 'CKV_K8S_17', 'polaris:hostPIDSet', 'kubesec:HostPID'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) =>
    ctx.pods.filter((p) => p.spec.hostPID === true).map((p) => podIssue(p, ['hostPID'], `${describe(p.object)} sets hostPID: true, sharing the host's pid namespace`)),
};
