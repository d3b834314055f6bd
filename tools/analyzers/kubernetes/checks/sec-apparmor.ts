import { containerIssue, describeContainer, getIn, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** The profile a legacy annotation value names: `unknown` for a value that names none (the API server rejects it). */
function annotationType(value: string): 'RuntimeDefault' | 'Localhost' | 'Unconfined' | 'unknown' {
  if (value === 'runtime/default') return 'RuntimeDefault';
  if (value === 'unconfined') return 'Unconfined';
  return value.startsWith('localhost/') && value.length > 'localhost/'.length ? 'Localhost' : 'unknown';
}

export const check: K8sCheck = {
  id: 'K8S-SEC-APPARMOR',
  severity: 'warning',
  title: 'AppArmor unconfined, or an AppArmor annotation that names no profile',
  aliases: ['KSV-0002', 'kubesec:ApparmorUnconfined'],
  helpUri: 'https://kubernetes.io/docs/tutorials/security/apparmor/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const own = getIn(c.container, ['securityContext', 'appArmorProfile', 'type']);
      const pod = getIn(c.pod.spec, ['securityContext', 'appArmorProfile', 'type']);
      const ann = c.pod.annotations[ANNOTATION + c.name];
      const type = typeof own === 'string' ? own : typeof pod === 'string' ? pod : ann === undefined ? undefined : annotationType(ann);
      // Trivy's KSV-0002 reads the legacy annotation only, and fails any value but runtime/default.
      const aliases = withTrivy(check.aliases, ann !== undefined && ann !== 'runtime/default' && c.kind !== 'ephemeralContainers' ? ['KSV-0002'] : []);
      if (type === 'Unconfined') out.push({ ...containerIssue(c, ['securityContext', 'appArmorProfile', 'type'], `${describeContainer(c)} runs without AppArmor confinement`), aliases });
      else if (type === 'unknown') {
        const path = [...c.pod.specPath.slice(0, -1), 'metadata', 'annotations', ANNOTATION + c.name];
        out.push({ object: c.pod.object, path, message: `${describeContainer(c)} asks for AppArmor profile "${ann}", which names none: use runtime/default or localhost/<profile>`, aliases: aliases.filter((a) => a !== 'kubesec:ApparmorUnconfined') });
      }
    }
    return out;
  },
};
