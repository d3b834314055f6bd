import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, resources: Record<string, unknown>, count: number, enabled = true): Case => ({ name, yaml: pod(one({ resources })), count, enable: enabled ? ['K8S-RES-EPHEMERAL-EQUAL'] : [] });

export default table('K8S-RES-EPHEMERAL-EQUAL', [
  run('request below the limit', { requests: { 'ephemeral-storage': '500Mi' }, limits: { 'ephemeral-storage': '1Gi' } }, 1),
  run('equal', { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '1024Mi' } }, 0),
  run('only a limit (K8S-RES-EPHEMERAL says so)', { limits: { 'ephemeral-storage': '1Gi' } }, 0),
  run('optional: off unless enabled', { requests: { 'ephemeral-storage': '500Mi' }, limits: { 'ephemeral-storage': '1Gi' } }, 0, false),
]);
