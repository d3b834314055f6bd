import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';

const quota = (hard?: Record<string, string>) => docs({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: hard ? { hard } : {} });
const on = (c: Case): Case => ({ ...c, enable: ['K8S-RES-QUOTA'] });

export default table('K8S-RES-QUOTA', [
  on({ ...bad('no hard limits', quota()), aliases: ['KSV-0040'] }),
  on(bad('object counts only', quota({ pods: '10' }))),
  on(bad('requests without limits', quota({ 'requests.cpu': '1', 'requests.memory': '1Gi' }))),
  on(good('CPU and memory requests and limits', quota({ 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' }))),
  good('optional: off unless enabled', quota()),
]);
