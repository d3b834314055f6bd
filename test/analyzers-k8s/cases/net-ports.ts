import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, ports: Record<string, unknown>[], count: number, enabled = true): Case => ({ name, yaml: pod(one({ ports })), count, enable: enabled ? ['K8S-NET-PORTS'] : [] });

export default table('K8S-NET-PORTS', [
  run('two ports named alike', [{ name: 'http', containerPort: 8080 }, { name: 'http', containerPort: 8081 }], 1),
  run('a name over 15 characters', [{ name: 'http-metrics-port', containerPort: 9090 }], 1),
  run('no containerPort', [{ name: 'http' }], 1),
  run('named and numbered', [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }, { containerPort: 9091 }], 0),
  run('optional: off unless enabled', [{ name: 'http' }], 0, false),
]);
