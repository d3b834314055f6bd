import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, resources: Record<string, unknown> | undefined, count: number, enabled = true): Case => ({
  name,
  yaml: pod({ ...one(resources ? { resources } : {}), initContainers: [] }),
  count,
  enable: enabled ? ['K8S-RES-MEM-EQUAL'] : [],
});

export default table('K8S-RES-MEM-EQUAL', [
  run('request below the limit', { requests: { memory: '512Mi' }, limits: { memory: '1Gi' } }, 1),
  run('a request and no limit', { requests: { memory: '512Mi' } }, 1),
  run('a limit and no request', { limits: { memory: '1Gi' } }, 1),
  run('equal', { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }, 0),
  run('equal in other units', { requests: { memory: '1024Mi' }, limits: { memory: '1Gi' } }, 0),
  run('neither set', undefined, 0),
  run('optional: off unless enabled', { requests: { memory: '512Mi' }, limits: { memory: '1Gi' } }, 0, false),
]);
