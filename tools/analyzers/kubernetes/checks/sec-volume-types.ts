import { describe, isRecord, podIssue, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Volume sources the Pod Security Standards' restricted profile allows (hostPath has its own check). */
export const RESTRICTED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image']);

/** The volume types Trivy's KSV-0028 names (as it spells them). */
const TRIVY_DISALLOWED = new Set(['gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephFS', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume', 'scaleIO', 'storageos']);

export const check: K8sCheck = {
  id: 'K8S-SEC-VOLUME-TYPES',
  severity: 'info',
  title: 'Volume type outside the restricted profile',
  aliases: ['KSV-0028'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const volumes = Array.isArray(p.spec.volumes) ? p.spec.volumes : [];
      volumes.forEach((v: unknown, i: number) => {
        if (!isRecord(v)) return;
        const source = Object.keys(v).find((k) => k !== 'name');
        if (source && source !== 'hostPath' && !RESTRICTED_VOLUME_SOURCES.has(source)) {
          const aliases = withTrivy(check.aliases, TRIVY_DISALLOWED.has(source) ? ['KSV-0028'] : []);
          out.push({ ...podIssue(p, ['volumes', i, source], `${describe(p.object)} mounts a ${source} volume: the restricted profile allows configMap, secret, emptyDir, projected, downwardAPI, persistentVolumeClaim, csi and ephemeral`), aliases });
        }
      });
    }
    return out;
  },
};
