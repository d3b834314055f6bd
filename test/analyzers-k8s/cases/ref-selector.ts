import { bad, deployment, docs, good, one, table } from '../helpers.js';

export default table('K8S-REF-SELECTOR', [
  bad('selector does not match the template labels', deployment(one(), { selector: { matchLabels: { app: 'api' } } })),
  bad('apps/v1 without a selector', docs({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: one() } } })),
  bad('matchExpressions NotIn excludes the labels', deployment(one(), { selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } })),
  good('matchLabels match', deployment(one())),
  good('matchExpressions In match', deployment(one(), { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } })),
  good('extensions/v1beta1 defaulted the selector', docs({ apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: one() } } })),
]);
