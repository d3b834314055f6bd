import { containerIssue, describeContainer } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-SECRET-ENV',
  severity: 'info',
  title: 'Secret passed as an environment variable',
  aliases: ['CKV_K8S_35', 'kubesec:SecretsAsEnvironmentVariables'],
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      env.forEach((e: { name?: string; valueFrom?: { secretKeyRef?: unknown } }, i: number) => {
        if (e?.valueFrom?.secretKeyRef) out.push(containerIssue(c, ['env', i, 'valueFrom', 'secretKeyRef'], `${describeContainer(c)} reads secret into env ${e.name}: mount it as a file instead (env leaks into logs and child processes)`));
      });
      const envFrom = Array.isArray(c.container.envFrom) ? c.container.envFrom : [];
      envFrom.forEach((e: { secretRef?: { name?: string } }, i: number) => {
        if (e?.secretRef) out.push(containerIssue(c, ['envFrom', i, 'secretRef'], `${describeContainer(c)} loads secret ${e.secretRef.name ?? ''} into its environment: mount it as a file instead`));
      });
    }
    return out;
  },
};
