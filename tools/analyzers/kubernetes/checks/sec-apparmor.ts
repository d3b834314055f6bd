import { containerIssue, describeContainer, getIn } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export const check: K8sCheck = {
  id: 'K8S-SEC-APPARMOR',
  severity: 'warning',
  title: 'AppArmor unconfined',
  aliases: ['KSV-0002', 'kubesec:ApparmorUnconfined'],
  helpUri: 'https://kubernetes.io/docs/tutorials/security/apparmor/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const own = getIn(c.container, ['securityContext', 'appArmorProfile', 'type']);
      const pod = getIn(c.pod.spec, ['securityContext', 'appArmorProfile', 'type']);
      const ann = c.pod.annotations[ANNOTATION + c.name];
      const type = typeof own === 'string' ? own : typeof pod === 'string' ? pod : ann === 'unconfined' ? 'Unconfined' : undefined;
      if (type === 'Unconfined') out.push(containerIssue(c, ['securityContext', 'appArmorProfile', 'type'], `${describeContainer(c)} runs without AppArmor confinement`));
    }
    return out;
  },
};
