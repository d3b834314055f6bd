import { bad, docs, good, table } from '../helpers.js';

const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80 }] } });
const ing = (backend: Record<string, unknown>, apiVersion = 'networking.k8s.io/v1', extra: Record<string, unknown> = {}) => ({
  apiVersion,
  kind: 'Ingress',
  metadata: { name: 'i' },
  spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], ...extra },
});
const to = (name: string, port: Record<string, unknown> = { number: 80 }) => ({ service: { name, port } });

export default table('K8S-REF-INGRESS', [
  bad('backend Service missing', docs(svc('web'), ing(to('api')))),
  bad('backend port missing', docs(svc('web'), ing(to('web', { number: 8080 })))),
  bad('backend port name missing', docs(svc('web'), ing(to('web', { name: 'grpc' })))),
  // serviceName/servicePort is the v1beta1 form: networking.k8s.io/v1 has no such fields.
  bad('a v1 backend written the v1beta1 way, whatever Services exist', docs(ing({ serviceName: 'web', servicePort: 80 }))),
  // kube-score does not look at the default backend.
  { ...bad('default backend Service missing', docs(svc('web'), ing(to('web'), 'networking.k8s.io/v1', { defaultBackend: to('api') }))), aliases: [] },
  good('backend Service present', docs(svc('web'), ing(to('web')))),
  good('backend port by name', docs(svc('web'), ing(to('web', { name: 'http' })))),
  good('a v1beta1 backend', docs(svc('web'), ing({ serviceName: 'web', servicePort: 80 }, 'networking.k8s.io/v1beta1'))),
  good('no Services analyzed: cannot judge', docs(ing(to('api')))),
]);
