import { describe, podIssue } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-HOST-IPC',
  severity: 'error',
  title: 'Pod shares the host ipc namespace',
  aliases: ['KSV-0008', 'CKV_K8S_18', 'polaris:hostIPCSet', 'kubesec:HostIPC'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) =>
    ctx.pods.filter((p) => p.spec.hostIPC === true).map((p) => podIssue(p, ['hostIPC'], `${describe(p.object)} sets hostIPC: true, sharing the host's ipc namespace`)),
};
