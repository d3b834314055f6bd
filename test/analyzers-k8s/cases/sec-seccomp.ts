import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-SECCOMP', [
  { ...bad('no profile', pod(one())), aliases: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31', 'CKV_K8S_32', 'polaris:linuxHardening', 'kubesec:SeccompAny', 'kubesec:SeccompUnconfined'] },
  // Polaris's linuxHardening is content with SELinux options, AppArmor or dropped capabilities instead.
  { ...bad('no profile but SELinux options', pod(one({}, { securityContext: { seLinuxOptions: { level: 's0:c123,c456' } } }))), aliases: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31', 'CKV_K8S_32', 'kubesec:SeccompAny', 'kubesec:SeccompUnconfined'] },
  { ...bad('no profile but dropped capabilities', pod(sc({ capabilities: { drop: ['ALL'] } }))), aliases: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31', 'CKV_K8S_32', 'kubesec:SeccompAny', 'kubesec:SeccompUnconfined'] },
  bad('Unconfined on the container', pod(sc({ seccompProfile: { type: 'Unconfined' } }))),
  bad('container Unconfined overrides pod RuntimeDefault', pod(one({ securityContext: { seccompProfile: { type: 'Unconfined' } } }, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }))),
  bad('legacy annotation unconfined', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } })),
  // A type Kubernetes does not know; Trivy's KSV-0030 fails it, KSV-0104 (Unconfined or unset) does not.
  // Polaris and kubesec accept any type but Unconfined.
  { ...bad('unknown type', pod(sc({ seccompProfile: { type: 'custom' } }))), aliases: ['KSV-0030', 'CKV_K8S_31', 'CKV_K8S_32'] },
  { ...bad('legacy annotation naming no profile', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'custom' } })), aliases: ['KSV-0030', 'KSV-0104', 'CKV_K8S_31', 'CKV_K8S_32'] },
  good('legacy annotation docker/default', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' } })),
  good('pod RuntimeDefault', pod(one({}, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }))),
  good('container Localhost', pod(sc({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }))),
  good('legacy annotation runtime/default', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } })),
]);
