import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-REL-PRIORITY-CLASS'] : [] });

export default table('K8S-REL-PRIORITY-CLASS', [
  run('no priorityClassName', pod(one()), 1),
  run('priorityClassName set', pod(one({}, { priorityClassName: 'business-critical' })), 0),
  run('optional: off unless enabled', pod(one()), 0, false),
]);
