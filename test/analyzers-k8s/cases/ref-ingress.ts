import { bad, docs, good, table } from '../helpers.js';

const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });
const ing = (service: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'i' },
  spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] } }] },
});

export default table('K8S-REF-INGRESS', [
  bad('backend Service missing', docs(svc('web'), ing('api'))),
  good('backend Service present', docs(svc('web'), ing('web'))),
  good('no Services analyzed: cannot judge', docs(ing('api'))),
]);
