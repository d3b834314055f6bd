import { describe, getIn, isRecord } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const HARD = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

export const check: K8sCheck = {
  id: 'K8S-RES-QUOTA',
  severity: 'info',
  title: 'ResourceQuota without hard CPU and memory requests and limits',
  aliases: ['KSV-0040'],
  // A quota on object counts or storage only is a choice, not a defect; Trivy reports it by default.
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'ResourceQuota') continue;
      const hard = getIn(o.value, ['spec', 'hard']);
      const missing = HARD.filter((k) => !(isRecord(hard) && hard[k]));
      if (missing.length) out.push({ object: o, path: ['spec', 'hard'], message: `${describe(o)} sets no hard ${missing.join(', ')}: the namespace's CPU and memory are not capped` });
    }
    return out;
  },
};
