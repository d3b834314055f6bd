import type { Case } from '../helpers.js';
import { pod, table } from '../helpers.js';

const policy = (imagePullPolicy?: string, image = 'a:1') => pod({ containers: [{ name: 'a', image, ...(imagePullPolicy ? { imagePullPolicy } : {}) }] });
const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-IMG-PULL-POLICY'] : [] });

export default table('K8S-IMG-PULL-POLICY', [
  run('IfNotPresent', policy('IfNotPresent'), 1),
  run('unset with a tag (defaults to IfNotPresent)', policy(), 1),
  run('unset with a digest only (defaults to IfNotPresent)', policy(undefined, 'a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'), 1),
  run('Never, even with :latest', policy('Never', 'a:latest'), 1),
  run('Always', policy('Always'), 0),
  run('unset with :latest: Kubernetes defaults to Always', policy(undefined, 'a:latest'), 0),
  run('unset without a tag: Kubernetes defaults to Always', policy(undefined, 'registry.example.com/a'), 0),
  run('optional: off unless enabled', policy('Never'), 0, false),
]);
