import { containerIssue, describeContainer, getIn } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RES-CPU-LIMIT',
  severity: 'info',
  title: 'CPU limit missing',
  aliases: ['KSV-0011', 'CKV_K8S_11', 'kube-score:container-resources', 'polaris:cpuLimitsMissing', 'kubesec:LimitsCPU'],
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const missing = ['cpu'].filter((r) => getIn(c.container, ['resources', 'limits', r]) === undefined);
      if (missing.length) out.push(containerIssue(c, ['resources', 'limits'], `${describeContainer(c)} has no CPU limit (often deliberate: CPU limits throttle; keep a request at least)`));
    }
    return out;
  },
};
