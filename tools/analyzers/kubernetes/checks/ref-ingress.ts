import { describe, isRecord } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';
import type { YamlPath } from '../../yaml-positions.js';

interface Backend {
  name: string;
  path: YamlPath;
}

function backends(spec: Record<string, unknown>): Backend[] {
  const out: Backend[] = [];
  const add = (b: unknown, path: YamlPath) => {
    if (!isRecord(b)) return;
    if (isRecord(b.service) && typeof b.service.name === 'string') out.push({ name: b.service.name, path: [...path, 'service', 'name'] });
    else if (typeof b.serviceName === 'string') out.push({ name: b.serviceName, path: [...path, 'serviceName'] });
  };
  add(spec.defaultBackend, ['spec', 'defaultBackend']);
  add(spec.backend, ['spec', 'backend']);
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((r: unknown, i: number) => {
    const paths = isRecord(r) && isRecord(r.http) && Array.isArray(r.http.paths) ? r.http.paths : [];
    paths.forEach((p: unknown, j: number) => isRecord(p) && add(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']));
  });
  return out;
}

export const check: K8sCheck = {
  id: 'K8S-REF-INGRESS',
  severity: 'warning',
  title: 'Ingress backend Service not found',
  aliases: ['kube-score:ingress-targets-service'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'Ingress' || !isRecord(o.value.spec)) continue;
      const services = ctx.ofKind('Service', o.namespace);
      if (services.length === 0) continue; // the Services live elsewhere
      for (const b of backends(o.value.spec)) {
        if (!services.some((s) => s.name === b.name)) out.push({ object: o, path: b.path, message: `${describe(o)} routes to Service "${b.name}", which is not among the analyzed objects` });
      }
    }
    return out;
  },
};
