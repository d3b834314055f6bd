import { describe, isRecord } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const FIELDS = ['type', 'max', 'min', 'default', 'defaultRequest'];

export const check: K8sCheck = {
  id: 'K8S-RES-LIMITRANGE',
  severity: 'info',
  title: 'LimitRange without a limit that sets type, min, max, default and defaultRequest',
  aliases: ['KSV-0039'],
  // A LimitRange that only sets defaults (or only bounds) is a choice, not a defect; Trivy reports it by default.
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/policy/limit-range/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'LimitRange') continue;
      const limits = Array.isArray(o.value.spec?.limits) ? o.value.spec.limits : [];
      if (limits.some((l: unknown) => isRecord(l) && FIELDS.every((f) => Boolean(l[f])))) continue;
      out.push({ object: o, path: ['spec', 'limits'], message: `${describe(o)} has no limit with ${FIELDS.join(', ')}: containers of the namespace may go without requests or limits, or without bounds` });
    }
    return out;
  },
};
