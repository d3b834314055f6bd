import type { Case } from '../helpers.js';
import { pod, table } from '../helpers.js';

const policy = (imagePullPolicy?: string) => pod({ containers: [{ name: 'a', image: 'a:1', ...(imagePullPolicy ? { imagePullPolicy } : {}) }] });
const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-IMG-PULL-POLICY'] : [] });

export default table('K8S-IMG-PULL-POLICY', [
  run('IfNotPresent', policy('IfNotPresent'), 1),
  run('unset', policy(), 1),
  run('Always', policy('Always'), 0),
  run('optional: off unless enabled', policy('Never'), 0, false),
]);
