import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-LABEL-INSTANCE'] : [] });

export default table('K8S-LABEL-INSTANCE', [
  run('no instance label', pod(one()), 1),
  run('instance label naming something else', pod(one(), { labels: { 'app.kubernetes.io/instance': 'other' } }), 1),
  run('instance label is the name', pod(one(), { labels: { 'app.kubernetes.io/instance': 'p' } }), 0),
  run('optional: off unless enabled', pod(one()), 0, false),
]);
