import { bad, good, one, pod, table } from '../helpers.js';

const vols = (...volumes: Record<string, unknown>[]) => pod(one({}, { volumes }));

export default table('K8S-SEC-VOLUME-TYPES', [
  bad('nfs', vols({ name: 'n', nfs: { server: 'nfs.example.com', path: '/export' } })),
  bad('gitRepo (deprecated, runs git on the node)', vols({ name: 'g', gitRepo: { repository: 'https://example.com/r.git' } })),
  bad('two legacy sources', vols({ name: 'a', iscsi: { targetPortal: 'x', iqn: 'y', lun: 0 } }, { name: 'b', cephfs: { monitors: ['m'] } }), 2),
  // Trivy's KSV-0028 lists the types it rejects (cephFS in its spelling, not Kubernetes' cephfs).
  { ...bad('cephfs is not on Trivy\'s list', vols({ name: 'b', cephfs: { monitors: ['m'] } })), aliases: [] },
  { ...bad('nfs is', vols({ name: 'n', nfs: { server: 'nfs.example.com', path: '/export' } })), aliases: ['KSV-0028'] },
  good('the allowed kinds', vols({ name: 'c', configMap: { name: 'c' } }, { name: 's', secret: { secretName: 's' } }, { name: 'e', emptyDir: {} }, { name: 'p', persistentVolumeClaim: { claimName: 'p' } }, { name: 'j', projected: { sources: [] } })),
  good('hostPath is K8S-SEC-HOSTPATH, not this', vols({ name: 'h', hostPath: { path: '/var/log' } })),
]);
