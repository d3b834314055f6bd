import { describe, isRecord } from '../model.js';
import type { Json, K8sCheck, K8sIssue, K8sObject } from '../types.js';
import type { YamlPath } from '../../yaml-positions.js';

interface Backend {
  name: string;
  /** Port number or name, when given. */
  port: number | string | undefined;
  path: YamlPath;
}

interface Backends {
  found: Backend[];
  /** networking.k8s.io/v1 backends written the v1beta1 way (serviceName/servicePort): the API server drops them. */
  oldStyle: YamlPath[];
}

function backends(o: K8sObject): Backends {
  const spec = o.value.spec as Record<string, Json>;
  const v1 = o.apiVersion === 'networking.k8s.io/v1';
  const out: Backends = { found: [], oldStyle: [] };
  const add = (b: unknown, path: YamlPath) => {
    if (!isRecord(b)) return;
    if (isRecord(b.service) && typeof b.service.name === 'string') {
      const port = isRecord(b.service.port) ? (b.service.port.number ?? b.service.port.name) : undefined;
      out.found.push({ name: b.service.name, port: typeof port === 'number' || typeof port === 'string' ? port : undefined, path: [...path, 'service', 'name'] });
    } else if (typeof b.serviceName === 'string') {
      if (v1) out.oldStyle.push([...path, 'serviceName']);
      else out.found.push({ name: b.serviceName, port: typeof b.servicePort === 'number' || typeof b.servicePort === 'string' ? b.servicePort : undefined, path: [...path, 'serviceName'] });
    }
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

/** Whether the Service exposes the backend's port (by number, or by name). */
function exposes(service: K8sObject, port: number | string | undefined): boolean {
  if (port === undefined) return true;
  const ports = Array.isArray(service.value.spec?.ports) ? service.value.spec.ports : [];
  return ports.some((p: Json) => isRecord(p) && (typeof port === 'number' ? p.port === port : p.name === port || String(p.port) === port));
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
      const { found, oldStyle } = backends(o);
      for (const path of oldStyle) {
        out.push({ object: o, path, message: `${describe(o)} names its backend with serviceName/servicePort, the v1beta1 form: in networking.k8s.io/v1 it is backend.service.name and backend.service.port, so this path routes nowhere` });
      }
      const services = ctx.ofKind('Service', o.namespace);
      if (services.length === 0) continue; // the Services live elsewhere
      for (const b of found) {
        const svc = services.find((s) => s.name === b.name);
        if (!svc) out.push({ object: o, path: b.path, message: `${describe(o)} routes to Service "${b.name}", which is not among the analyzed objects` });
        else if (!exposes(svc, b.port)) out.push({ object: o, path: b.path, message: `${describe(o)} routes to port ${String(b.port)} of Service "${b.name}", which has no such port` });
      }
    }
    // kube-score looks at the rules' paths only, not at spec.defaultBackend.
    return out.map((i) => (i.path[1] === 'rules' ? i : { ...i, aliases: [] }));
  },
};
