import { containerIssue, describeContainer, getIn } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const PER_RESOURCE: Readonly<Record<string, readonly string[]>> = {
  cpu: ['KSV-0015', 'CKV_K8S_10', 'polaris:cpuRequestsMissing', 'kubesec:RequestsCPU'],
  memory: ['KSV-0016', 'CKV_K8S_12', 'polaris:memoryRequestsMissing', 'kubesec:RequestsMemory'],
};

export const check: K8sCheck = {
  id: 'K8S-RES-REQUESTS',
  severity: 'warning',
  title: 'CPU or memory request missing',
  aliases: ['KSV-0015', 'KSV-0016', 'CKV_K8S_10', 'CKV_K8S_12', 'kube-score:container-resources', 'polaris:cpuRequestsMissing', 'polaris:memoryRequestsMissing', 'kubesec:RequestsCPU', 'kubesec:RequestsMemory'],
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const missing = ['cpu', 'memory'].filter((r) => getIn(c.container, ['resources', 'requests', r]) === undefined);
      if (!missing.length) continue;
      // The upstream checks are per resource (kube-score's container-resources covers both).
      const aliases = check.aliases.filter((a) => a === 'kube-score:container-resources' || missing.some((r) => PER_RESOURCE[r].includes(a)));
      out.push({ ...containerIssue(c, ['resources', 'requests'], `${describeContainer(c)} has no ${missing.join(' / ')} request: the scheduler cannot place it well and it is evicted first`), aliases });
    }
    return out;
  },
};
