import type { Case } from '../helpers.js';
import { bad, good, one, pod, table } from '../helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-NET-PRIVILEGED-PORT'] });

export default table('K8S-NET-PRIVILEGED-PORT', [
  on({ ...bad('port 80', pod(one({ ports: [{ containerPort: 80 }] }))), aliases: ['KSV-0117'] }),
  on(bad('an init container on 443', pod({ ...one(), initContainers: [{ name: 'i', image: 'registry.example.com/i:1', ports: [{ containerPort: 443 }] }] }))),
  on(good('port 8080', pod(one({ ports: [{ containerPort: 8080 }] })))),
  good('optional: off unless enabled', pod(one({ ports: [{ containerPort: 80 }] }))),
]);
