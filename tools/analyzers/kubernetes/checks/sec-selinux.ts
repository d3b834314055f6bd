import { containerIssue, describe, describeContainer, getIn, isRecord, podIssue, trivyContainerAliases } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';
import type { YamlPath } from '../../yaml-positions.js';

/** SELinux types the Pod Security Standards' baseline profile allows. */
export const ALLOWED_SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function problem(options: unknown): { field: string; text: string } | undefined {
  if (!isRecord(options)) return undefined;
  if (typeof options.type === 'string' && options.type !== '' && !ALLOWED_SELINUX_TYPES.has(options.type)) return { field: 'type', text: `SELinux type ${options.type}` };
  for (const field of ['user', 'role']) if (typeof options[field] === 'string' && options[field] !== '') return { field, text: `a custom SELinux ${field} (${options[field]})` };
  return undefined;
}

export const check: K8sCheck = {
  id: 'K8S-SEC-SELINUX',
  severity: 'error',
  title: 'Custom SELinux type, user or role',
  aliases: ['KSV-0025'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const rel: YamlPath = ['securityContext', 'seLinuxOptions'];
      const bad = problem(getIn(p.spec, rel));
      if (bad) out.push(podIssue(p, [...rel, bad.field], `${describe(p.object)} sets ${bad.text}: it can escape the container's SELinux confinement`));
    }
    for (const c of ctx.containers) {
      const rel: YamlPath = ['securityContext', 'seLinuxOptions'];
      const bad = problem(getIn(c.container, rel));
      if (bad) out.push({ ...containerIssue(c, [...rel, bad.field], `${describeContainer(c)} sets ${bad.text}`), aliases: trivyContainerAliases(c, check.aliases) });
    }
    return out;
  },
};
