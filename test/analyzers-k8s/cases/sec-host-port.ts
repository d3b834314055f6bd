import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-HOST-PORT', [
  bad('hostPort', pod(one({ ports: [{ containerPort: 80, hostPort: 8080 }] }))),
  bad('two host ports', pod(one({ ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 443, hostPort: 443 }] })), 2),
  good('containerPort only', pod(one({ ports: [{ containerPort: 80 }] }))),
  good('hostPort 0 means none', pod(one({ ports: [{ containerPort: 80, hostPort: 0 }] }))),
]);
