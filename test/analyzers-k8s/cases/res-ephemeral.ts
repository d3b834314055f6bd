import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-RES-EPHEMERAL'] : [] });
const res = (resources: Record<string, unknown>) => pod(one({ resources }));

export default table('K8S-RES-EPHEMERAL', [
  run('no ephemeral-storage limit', pod(one()), 1),
  run('a limit but no request (kube-score warns)', res({ limits: { 'ephemeral-storage': '1Gi' } }), 1),
  run('a request but no limit', res({ requests: { 'ephemeral-storage': '1Gi' } }), 1),
  run('a zero limit counts as none', res({ requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '0' } }), 1),
  run('request and limit set', res({ requests: { 'ephemeral-storage': '500Mi' }, limits: { 'ephemeral-storage': '1Gi' } }), 0),
  run('optional: off unless enabled', pod(one()), 0, false),
]);
