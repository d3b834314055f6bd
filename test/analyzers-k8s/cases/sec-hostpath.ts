import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-HOSTPATH', [
  bad('hostPath volume', pod(one({}, { volumes: [{ name: 'h', hostPath: { path: '/var/log' } }] }))),
  // Trivy's KSV-0121 names some host paths, as written.
  { ...bad('hostPath /etc', pod(one({}, { volumes: [{ name: 'h', hostPath: { path: '/etc' } }] }))), aliases: ['KSV-0023', 'KSV-0121', 'polaris:hostPathSet', 'kubesec:ProcMount'] },
  { ...bad('hostPath /var/log: not one of KSV-0121', pod(one({}, { volumes: [{ name: 'h', hostPath: { path: '/var/log' } }] }))), aliases: ['KSV-0023', 'polaris:hostPathSet', 'kubesec:ProcMount'] },
  good('emptyDir', pod(one({}, { volumes: [{ name: 'e', emptyDir: {} }] }))),
  good('configMap volume', pod(one({}, { volumes: [{ name: 'c', configMap: { name: 'x' } }] }))),
]);
