import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';

const lr = (limits: Record<string, unknown>[]) => docs({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits } });
const full = { type: 'Container', max: { cpu: '2' }, min: { cpu: '100m' }, default: { cpu: '500m' }, defaultRequest: { cpu: '200m' } };
const on = (c: Case): Case => ({ ...c, enable: ['K8S-RES-LIMITRANGE'] });

export default table('K8S-RES-LIMITRANGE', [
  on({ ...bad('no limits', docs({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: {} })), aliases: ['KSV-0039'] }),
  on(bad('defaults only', lr([{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '200m' } }]))),
  on(good('a limit with bounds and defaults', lr([{ type: 'Pod', max: { cpu: '4' } }, full]))),
  good('optional: off unless enabled', lr([])),
]);
