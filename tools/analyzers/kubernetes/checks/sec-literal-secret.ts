import { containerIssue, describe, describeContainer, isRecord } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';
import { looksLikeLiteralSecret } from './sensitive.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-LITERAL-SECRET',
  severity: 'error',
  title: 'Credential written in the manifest',
  aliases: ['KSV-0109', 'KSV-01010', 'polaris:sensitiveContainerEnvVar', 'polaris:sensitiveConfigmapContent', 'CKV_SECRET_6'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      env.forEach((e: { name?: unknown; value?: unknown }, i: number) => {
        if (isRecord(e) && typeof e.name === 'string' && looksLikeLiteralSecret(e.name, e.value)) {
          out.push(containerIssue(c, ['env', i, 'value'], `${describeContainer(c)} has a credential in plain text in env ${e.name}: use a Secret (secretKeyRef) or a mounted file`));
        }
      });
    }
    for (const o of ctx.objects) {
      if (o.kind !== 'ConfigMap' || !isRecord(o.value.data)) continue;
      for (const [key, value] of Object.entries(o.value.data)) {
        if (looksLikeLiteralSecret(key, value)) out.push({ object: o, path: ['data', key], message: `${describe(o)} holds a credential in ${key}: ConfigMaps are not secret, use a Secret` });
      }
    }
    return out;
  },
};
