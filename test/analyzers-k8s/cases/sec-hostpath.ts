import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-HOSTPATH', [
  bad('hostPath volume', pod(one({}, { volumes: [{ name: 'h', hostPath: { path: '/var/log' } }] }))),
  good('emptyDir', pod(one({}, { volumes: [{ name: 'e', emptyDir: {} }] }))),
  good('configMap volume', pod(one({}, { volumes: [{ name: 'c', configMap: { name: 'x' } }] }))),
]);
