import { capabilityList, containerIssue, describeContainer, getIn, isRecord, withTrivy } from '../model.js';
import type { ContainerRef, K8sCheck, K8sIssue } from '../types.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

/** The profile types Kubernetes knows. */
const PROFILE_TYPES = new Set(['RuntimeDefault', 'Localhost', 'Unconfined']);

/**
 * The profile type in force for a container: its own, else the pod's, else the legacy annotations (`runtime/default`
 * and `docker/default` are RuntimeDefault, `localhost/<file>` Localhost, `unconfined` Unconfined). A value Kubernetes
 * does not know comes back as written.
 */
export function seccompType(c: ContainerRef): string | undefined {
  const own = getIn(c.container, ['securityContext', 'seccompProfile', 'type']);
  if (typeof own === 'string') return own;
  const pod = getIn(c.pod.spec, ['securityContext', 'seccompProfile', 'type']);
  if (typeof pod === 'string') return pod;
  const ann = c.pod.annotations[CONTAINER_ANNOTATION + c.name] ?? c.pod.annotations[POD_ANNOTATION];
  if (ann === undefined) return undefined;
  if (ann === 'unconfined') return 'Unconfined';
  if (ann.startsWith('localhost/')) return 'Localhost';
  if (ann === 'runtime/default' || ann === 'docker/default') return 'RuntimeDefault';
  return ann;
}

/**
 * Trivy's verdicts on a container: KSV-0030 wants the legacy pod annotation to be runtime/default when it is there,
 * else a RuntimeDefault or Localhost type (container's, else pod's); KSV-0104 fails an Unconfined or missing type
 * (container's, else pod's, else the container's legacy annotation).
 */
function trivyVerdicts(c: ContainerRef): string[] {
  const field = getIn(c.container, ['securityContext', 'seccompProfile', 'type']) ?? getIn(c.pod.spec, ['securityContext', 'seccompProfile', 'type']);
  const podAnnotation = c.pod.annotations[POD_ANNOTATION];
  const ksv030 = podAnnotation ? podAnnotation !== 'runtime/default' : field !== 'RuntimeDefault' && field !== 'Localhost';
  const type = String(field ?? c.pod.annotations[CONTAINER_ANNOTATION + c.name] ?? '');
  const ksv104 = type === '' || type.toLowerCase() === 'unconfined';
  return [...(ksv030 ? ['KSV-0030'] : []), ...(ksv104 ? ['KSV-0104'] : [])];
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
      const aliases = withTrivy(otherHardening(c) ? check.aliases.filter((a) => a !== 'polaris:linuxHardening') : check.aliases, trivyVerdicts(c));
      if (type === 'Unconfined') out.push({ ...containerIssue(c, ['securityContext', 'seccompProfile', 'type'], `${describeContainer(c)} runs with seccomp Unconfined`), aliases });
      else if (type === undefined) out.push({ ...containerIssue(c, ['securityContext', 'seccompProfile'], `${describeContainer(c)} has no seccomp profile: set seccompProfile.type: RuntimeDefault (pod or container)`), aliases });
      // Polaris and kubesec accept any profile but Unconfined.
      else if (!PROFILE_TYPES.has(type)) out.push({ ...containerIssue(c, ['securityContext', 'seccompProfile', 'type'], `${describeContainer(c)} asks for seccomp profile "${type}", which Kubernetes does not know: use RuntimeDefault or Localhost`), aliases: aliases.filter((a) => !a.startsWith('polaris:') && !a.startsWith('kubesec:')) });
    }
    return out;
  },
};
