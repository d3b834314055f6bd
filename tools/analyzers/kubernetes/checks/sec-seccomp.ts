import { capabilityList, containerIssue, describeContainer, getIn, isRecord } from '../model.js';
import type { ContainerRef, K8sCheck, K8sIssue } from '../types.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

/** The profile type in force for a container: its own, else the pod's, else the legacy annotations. */
export function seccompType(c: ContainerRef): string | undefined {
  const own = getIn(c.container, ['securityContext', 'seccompProfile', 'type']);
  if (typeof own === 'string') return own;
  const pod = getIn(c.pod.spec, ['securityContext', 'seccompProfile', 'type']);
  if (typeof pod === 'string') return pod;
  const ann = c.pod.annotations[CONTAINER_ANNOTATION + c.name] ?? c.pod.annotations[POD_ANNOTATION];
  if (ann === undefined) return undefined;
  if (ann === 'unconfined') return 'Unconfined';
  if (ann.startsWith('localhost/')) return 'Localhost';
  return 'RuntimeDefault';
}

/**
 * Polaris's linuxHardening is content with any one of AppArmor (the per-container annotation), SELinux options, or
 * dropped capabilities instead of seccomp: our finding gives its verdict only when none of those is there either.
 */
function otherHardening(c: ContainerRef): boolean {
  if (`container.apparmor.security.beta.kubernetes.io/${c.name}` in c.pod.annotations) return true;
  const selinux = (v: unknown) => isRecord(v) && Object.keys(v).length > 0;
  if (selinux(getIn(c.container, ['securityContext', 'seLinuxOptions'])) || selinux(getIn(c.pod.spec, ['securityContext', 'seLinuxOptions']))) return true;
  return capabilityList(c, 'drop').length > 0 && !capabilityList(c, 'add').includes('ALL');
}

export const check: K8sCheck = {
  id: 'K8S-SEC-SECCOMP',
  severity: 'warning',
  title: 'No seccomp profile, or Unconfined',
  aliases: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31', 'CKV_K8S_32', 'polaris:linuxHardening', 'kubesec:SeccompAny', 'kubesec:SeccompUnconfined'],
  helpUri: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const type = seccompType(c);
      const aliases = otherHardening(c) ? check.aliases.filter((a) => a !== 'polaris:linuxHardening') : check.aliases;
      if (type === 'Unconfined') out.push({ ...containerIssue(c, ['securityContext', 'seccompProfile', 'type'], `${describeContainer(c)} runs with seccomp Unconfined`), aliases });
      else if (type === undefined) out.push({ ...containerIssue(c, ['securityContext', 'seccompProfile'], `${describeContainer(c)} has no seccomp profile: set seccompProfile.type: RuntimeDefault (pod or container)`), aliases });
    }
    return out;
  },
};
