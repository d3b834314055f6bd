import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-HOST-ALIASES', [
  bad('hostAliases', pod(one({}, { hostAliases: [{ ip: '10.0.0.1', hostnames: ['db'] }] }))),
  good('empty list', pod(one({}, { hostAliases: [] }))),
  good('none', pod(one())),
]);
