import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, resources: Record<string, unknown> | undefined, count: number, enabled = true): Case => ({
  name,
  yaml: pod({ ...one(resources ? { resources } : {}), initContainers: [] }),
  count,
  enable: enabled ? ['K8S-RES-CPU-EQUAL'] : [],
});

export default table('K8S-RES-CPU-EQUAL', [
  run('request below the limit', { requests: { cpu: '500m' }, limits: { cpu: '1' } }, 1),
  run('a request and no limit', { requests: { cpu: '500m' } }, 1),
  run('a limit and no request', { limits: { cpu: '1' } }, 1),
  run('equal', { requests: { cpu: '1' }, limits: { cpu: '1' } }, 0),
  run('equal in other units', { requests: { cpu: '1000m' }, limits: { cpu: '1' } }, 0),
  run('neither set', undefined, 0),
  run('optional: off unless enabled', { requests: { cpu: '500m' }, limits: { cpu: '1' } }, 0, false),
]);
