import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-DEFAULT-SA', [
  bad('no serviceAccountName', pod(one())),
  bad('serviceAccountName default', pod(one({}, { serviceAccountName: 'default' }))),
  good('own ServiceAccount', pod(one({}, { serviceAccountName: 'web' }))),
  good('deprecated serviceAccount field naming its own', pod(one({}, { serviceAccount: 'web' }))),
]);
