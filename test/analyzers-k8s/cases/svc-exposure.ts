import { bad, docs, good, table } from '../helpers.js';

const svc = (spec: Record<string, unknown>) => docs({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } });

export default table('K8S-SVC-EXPOSURE', [
  // kube-score's service-type is NodePort only, Trivy's KSV-0108 externalIPs only.
  { ...bad('NodePort', svc({ type: 'NodePort' })), aliases: ['kube-score:service-type'] },
  { ...bad('externalIPs', svc({ externalIPs: ['203.0.113.10'] })), aliases: ['KSV-0108'] },
  bad('NodePort with externalIPs: two findings', svc({ type: 'NodePort', externalIPs: ['203.0.113.10'] }), 2),
  good('ClusterIP', svc({ type: 'ClusterIP' })),
  good('default type', svc({})),
]);
