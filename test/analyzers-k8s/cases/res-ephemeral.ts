import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-RES-EPHEMERAL'] : [] });

export default table('K8S-RES-EPHEMERAL', [
  run('no ephemeral-storage limit', pod(one()), 1),
  run('limit set', pod(one({ resources: { limits: { 'ephemeral-storage': '1Gi' } } })), 0),
  run('optional: off unless enabled', pod(one()), 0, false),
]);
