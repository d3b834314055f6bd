import { containerIssue, describeContainer, isRecord } from '../model.js';
import type { Json, K8sCheck, K8sIssue } from '../types.js';

/** An IANA service name, which a port name must be: at most 15 characters. */
const MAX_PORT_NAME = 15;

export const check: K8sCheck = {
  id: 'K8S-NET-PORTS',
  severity: 'warning',
  title: 'Container port without a number, or with a duplicate or too long name',
  aliases: ['kube-score:container-ports-check'],
  optional: true,
  helpUri: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers' || !Array.isArray(c.container.ports)) continue;
      const seen = new Set<string>();
      c.container.ports.forEach((p: Json, i: number) => {
        if (!isRecord(p)) return;
        const name = typeof p.name === 'string' ? p.name : '';
        if (name !== '' && seen.has(name)) out.push(containerIssue(c, ['ports', i, 'name'], `${describeContainer(c)} names two ports "${name}": port names must be unique in a container`));
        seen.add(name);
        if (name.length > MAX_PORT_NAME) out.push(containerIssue(c, ['ports', i, 'name'], `${describeContainer(c)} has port name "${name}", longer than ${MAX_PORT_NAME} characters: the API server rejects it`));
        if (typeof p.containerPort !== 'number' || p.containerPort === 0) out.push(containerIssue(c, ['ports', i], `${describeContainer(c)} lists a port without a containerPort: the API server rejects it`));
      });
    }
    return out;
  },
};
