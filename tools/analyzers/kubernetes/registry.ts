// The Kubernetes checks, one module each. Adding a check = adding its module here and its case table
// (test/analyzers-k8s/cases/<module>.ts).
//
// Ids are `K8S-<AREA>-<WHAT>` after the merged table of domain-checks.md §2.6: SEC (pod/container security),
// IMG (images), RES (resources), REL (reliability), REF (references between objects), NET, NS, SVC, INGRESS,
// API, ENV, RBAC, CRON/JOB. Each check lists its upstream equivalents in `aliases`: Trivy `KSV-00NN`, Checkov
// `CKV_K8S_NN`/`CKV2_K8S_N`, `kube-score:<test>`, `polaris:<check>`, `kubesec:<rule>`; those aliases also find
// the check in `explainRule` and match the upstream suppression annotations. Non-check rules (YAML-PARSE,
// YAML-TEMPLATE, K8S-OBJECT, K8S-SCHEMA-FIELD, K8S-SCHEMA-TYPE) live in ./index.ts.
import { check as apiDeprecated } from './checks/api-deprecated.js';
import { check as cronDeadline } from './checks/cron-deadline.js';
import { check as envDup } from './checks/env-dup.js';
import { check as imgAllowedRepos } from './checks/img-allowed-repos.js';
import { check as imgDigest } from './checks/img-digest.js';
import { check as imgPullPolicy } from './checks/img-pull-policy.js';
import { check as imgRegistry } from './checks/img-registry.js';
import { check as imgTag } from './checks/img-tag.js';
import { check as ingressTls } from './checks/ingress-tls.js';
import { check as jobRestartPolicy } from './checks/job-restart-policy.js';
import { check as labelInstance } from './checks/label-instance.js';
import { check as labelValues } from './checks/label-values.js';
import { check as netPolicy } from './checks/net-policy.js';
import { check as netPolicySelector } from './checks/net-policy-selector.js';
import { check as netPorts } from './checks/net-ports.js';
import { check as netPrivilegedPort } from './checks/net-privileged-port.js';
import { check as nsDefault } from './checks/ns-default.js';
import { check as rbacAdminEdit } from './checks/rbac-admin-edit.js';
import { check as rbacAnonymous } from './checks/rbac-anonymous.js';
import { check as rbacAwsAuth } from './checks/rbac-aws-auth.js';
import { check as rbacBindAny } from './checks/rbac-bind-any.js';
import { check as rbacBindingEdit } from './checks/rbac-binding-edit.js';
import { check as rbacClusterAdmin } from './checks/rbac-cluster-admin.js';
import { check as rbacConfigmaps } from './checks/rbac-configmaps.js';
import { check as rbacEscalate } from './checks/rbac-escalate.js';
import { check as rbacExec } from './checks/rbac-exec.js';
import { check as rbacExecBinding } from './checks/rbac-exec-binding.js';
import { check as rbacImpersonate } from './checks/rbac-impersonate.js';
import { check as rbacNetworking } from './checks/rbac-networking.js';
import { check as rbacNodeProxy } from './checks/rbac-node-proxy.js';
import { check as rbacPodLogs } from './checks/rbac-pod-logs.js';
import { check as rbacSecrets } from './checks/rbac-secrets.js';
import { check as rbacWebhooks } from './checks/rbac-webhooks.js';
import { check as rbacWildcard } from './checks/rbac-wildcard.js';
import { check as rbacWorkloads } from './checks/rbac-workloads.js';
import { check as refHpa } from './checks/ref-hpa.js';
import { check as refIngress } from './checks/ref-ingress.js';
import { check as refNetpol } from './checks/ref-netpol.js';
import { check as refSelector } from './checks/ref-selector.js';
import { check as refService } from './checks/ref-service.js';
import { check as relHpaRange } from './checks/rel-hpa-range.js';
import { check as relHpaReplicas } from './checks/rel-hpa-replicas.js';
import { check as relLiveness } from './checks/rel-liveness.js';
import { check as relPdb } from './checks/rel-pdb.js';
import { check as relPdbHpa } from './checks/rel-pdb-hpa.js';
import { check as relPdbPolicy } from './checks/rel-pdb-policy.js';
import { check as relPriorityClass } from './checks/rel-priority-class.js';
import { check as relProbesIdentical } from './checks/rel-probes-identical.js';
import { check as relReadiness } from './checks/rel-readiness.js';
import { check as relReplicas } from './checks/rel-replicas.js';
import { check as relSpread } from './checks/rel-spread.js';
import { check as relStrategy } from './checks/rel-strategy.js';
import { check as relTopologySpread } from './checks/rel-topology-spread.js';
import { check as resCpuEqual } from './checks/res-cpu-equal.js';
import { check as resCpuLimit } from './checks/res-cpu-limit.js';
import { check as resEphemeral } from './checks/res-ephemeral.js';
import { check as resEphemeralEqual } from './checks/res-ephemeral-equal.js';
import { check as resLimitrange } from './checks/res-limitrange.js';
import { check as resMemEqual } from './checks/res-mem-equal.js';
import { check as resMemLimit } from './checks/res-mem-limit.js';
import { check as resQuota } from './checks/res-quota.js';
import { check as resRequests } from './checks/res-requests.js';
import { check as secApparmor } from './checks/sec-apparmor.js';
import { check as secCapAdded } from './checks/sec-cap-added.js';
import { check as secCapDangerous } from './checks/sec-cap-dangerous.js';
import { check as secCapDropAll } from './checks/sec-cap-drop-all.js';
import { check as secContextUnset } from './checks/sec-context-unset.js';
import { check as secDefaultSa } from './checks/sec-default-sa.js';
import { check as secDockerSock } from './checks/sec-docker-sock.js';
import { check as secHighUid } from './checks/sec-high-uid.js';
import { check as secHostAliases } from './checks/sec-host-aliases.js';
import { check as secHostIpc } from './checks/sec-host-ipc.js';
import { check as secHostNetwork } from './checks/sec-host-network.js';
import { check as secHostPid } from './checks/sec-host-pid.js';
import { check as secHostPort } from './checks/sec-host-port.js';
import { check as secHostpath } from './checks/sec-hostpath.js';
import { check as secHostprocess } from './checks/sec-hostprocess.js';
import { check as secIdUnset } from './checks/sec-id-unset.js';
import { check as secLiteralSecret } from './checks/sec-literal-secret.js';
import { check as secPersonalData } from './checks/sec-personal-data.js';
import { check as secPrivEsc } from './checks/sec-priv-esc.js';
import { check as secPrivileged } from './checks/sec-privileged.js';
import { check as secProcmount } from './checks/sec-procmount.js';
import { check as secRoRootfs } from './checks/sec-ro-rootfs.js';
import { check as secRootGroup } from './checks/sec-root-group.js';
import { check as secRunAsRoot } from './checks/sec-run-as-root.js';
import { check as secSaToken } from './checks/sec-sa-token.js';
import { check as secSeccomp } from './checks/sec-seccomp.js';
import { check as secSeccompProfile } from './checks/sec-seccomp-profile.js';
import { check as secSecretEnv } from './checks/sec-secret-env.js';
import { check as secSelinux } from './checks/sec-selinux.js';
import { check as secSysctl } from './checks/sec-sysctl.js';
import { check as secTiller } from './checks/sec-tiller.js';
import { check as secVolumeTypes } from './checks/sec-volume-types.js';
import { check as stsService } from './checks/sts-service.js';
import { check as svcExposure } from './checks/svc-exposure.js';
import type { K8sCheck } from './types.js';

export const kubernetesChecks: readonly K8sCheck[] = [
  apiDeprecated,
  cronDeadline,
  envDup,
  imgAllowedRepos,
  imgDigest,
  imgPullPolicy,
  imgRegistry,
  imgTag,
  ingressTls,
  jobRestartPolicy,
  labelInstance,
  labelValues,
  netPolicy,
  netPolicySelector,
  netPorts,
  netPrivilegedPort,
  nsDefault,
  rbacAdminEdit,
  rbacAnonymous,
  rbacAwsAuth,
  rbacBindAny,
  rbacBindingEdit,
  rbacClusterAdmin,
  rbacConfigmaps,
  rbacEscalate,
  rbacExec,
  rbacExecBinding,
  rbacImpersonate,
  rbacNetworking,
  rbacNodeProxy,
  rbacPodLogs,
  rbacSecrets,
  rbacWebhooks,
  rbacWildcard,
  rbacWorkloads,
  refHpa,
  refIngress,
  refNetpol,
  refSelector,
  refService,
  relHpaRange,
  relHpaReplicas,
  relLiveness,
  relPdb,
  relPdbHpa,
  relPdbPolicy,
  relPriorityClass,
  relProbesIdentical,
  relReadiness,
  relReplicas,
  relSpread,
  relStrategy,
  relTopologySpread,
  resCpuEqual,
  resCpuLimit,
  resEphemeral,
  resEphemeralEqual,
  resLimitrange,
  resMemEqual,
  resMemLimit,
  resQuota,
  resRequests,
  secApparmor,
  secCapAdded,
  secCapDangerous,
  secCapDropAll,
  secContextUnset,
  secDefaultSa,
  secDockerSock,
  secHighUid,
  secHostAliases,
  secHostIpc,
  secHostNetwork,
  secHostPid,
  secHostPort,
  secHostpath,
  secHostprocess,
  secIdUnset,
  secLiteralSecret,
  secPersonalData,
  secPrivEsc,
  secPrivileged,
  secProcmount,
  secRoRootfs,
  secRootGroup,
  secRunAsRoot,
  secSaToken,
  secSeccomp,
  secSeccompProfile,
  secSecretEnv,
  secSelinux,
  secSysctl,
  secTiller,
  secVolumeTypes,
  stsService,
  svcExposure,
];
