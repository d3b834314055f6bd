import { describe } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

interface Removal {
  /** The release that removed it. */
  removedIn: string;
  /** What to use instead. */
  use: string;
  /** The release from which the replacement is served: from then on the old apiVersion is deprecated. */
  since: string;
  /** kube-score's stable-version check knows this pair (with the same `since`). */
  kubeScore?: true;
}

/** The newest stable Kubernetes release: the default target (bump it with each release). */
export const NEWEST_KUBERNETES = '1.36';

/** apiVersion/kind pairs deprecated and removed from Kubernetes, with the replacement and the releases. */
export const REMOVED_APIS: Readonly<Record<string, Removal>> = {
  'extensions/v1beta1/Deployment': { removedIn: '1.16', use: 'apps/v1', since: '1.9', kubeScore: true },
  'extensions/v1beta1/DaemonSet': { removedIn: '1.16', use: 'apps/v1', since: '1.9', kubeScore: true },
  'extensions/v1beta1/ReplicaSet': { removedIn: '1.16', use: 'apps/v1', since: '1.9' },
  'extensions/v1beta1/NetworkPolicy': { removedIn: '1.16', use: 'networking.k8s.io/v1', since: '1.7' },
  'extensions/v1beta1/PodSecurityPolicy': { removedIn: '1.16', use: 'Pod Security Admission (PSP is gone since 1.25)', since: '1.10' },
  'extensions/v1beta1/Ingress': { removedIn: '1.22', use: 'networking.k8s.io/v1', since: '1.19', kubeScore: true },
  'apps/v1beta1/Deployment': { removedIn: '1.16', use: 'apps/v1', since: '1.9', kubeScore: true },
  'apps/v1beta1/StatefulSet': { removedIn: '1.16', use: 'apps/v1', since: '1.9', kubeScore: true },
  'apps/v1beta2/Deployment': { removedIn: '1.16', use: 'apps/v1', since: '1.9', kubeScore: true },
  'apps/v1beta2/StatefulSet': { removedIn: '1.16', use: 'apps/v1', since: '1.9', kubeScore: true },
  'apps/v1beta2/DaemonSet': { removedIn: '1.16', use: 'apps/v1', since: '1.9', kubeScore: true },
  'apps/v1beta2/ReplicaSet': { removedIn: '1.16', use: 'apps/v1', since: '1.9' },
  'networking.k8s.io/v1beta1/Ingress': { removedIn: '1.22', use: 'networking.k8s.io/v1', since: '1.19', kubeScore: true },
  'networking.k8s.io/v1beta1/IngressClass': { removedIn: '1.22', use: 'networking.k8s.io/v1', since: '1.19', kubeScore: true },
  'rbac.authorization.k8s.io/v1beta1/Role': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1', since: '1.8' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1', since: '1.8' },
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1', since: '1.8' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1', since: '1.8' },
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': { removedIn: '1.22', use: 'apiextensions.k8s.io/v1', since: '1.16' },
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': { removedIn: '1.22', use: 'admissionregistration.k8s.io/v1', since: '1.16' },
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': { removedIn: '1.22', use: 'admissionregistration.k8s.io/v1', since: '1.16' },
  'scheduling.k8s.io/v1beta1/PriorityClass': { removedIn: '1.22', use: 'scheduling.k8s.io/v1', since: '1.14' },
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': { removedIn: '1.22', use: 'certificates.k8s.io/v1', since: '1.19' },
  'coordination.k8s.io/v1beta1/Lease': { removedIn: '1.22', use: 'coordination.k8s.io/v1', since: '1.14' },
  'storage.k8s.io/v1beta1/CSIDriver': { removedIn: '1.22', use: 'storage.k8s.io/v1', since: '1.18' },
  'storage.k8s.io/v1beta1/StorageClass': { removedIn: '1.22', use: 'storage.k8s.io/v1', since: '1.6' },
  'batch/v1beta1/CronJob': { removedIn: '1.25', use: 'batch/v1', since: '1.21', kubeScore: true },
  'batch/v2alpha1/CronJob': { removedIn: '1.21', use: 'batch/v1', since: '1.21' },
  'policy/v1beta1/PodDisruptionBudget': { removedIn: '1.25', use: 'policy/v1', since: '1.21', kubeScore: true },
  'policy/v1beta1/PodSecurityPolicy': { removedIn: '1.25', use: 'Pod Security Admission', since: '1.21' },
  'discovery.k8s.io/v1beta1/EndpointSlice': { removedIn: '1.25', use: 'discovery.k8s.io/v1', since: '1.21' },
  'events.k8s.io/v1beta1/Event': { removedIn: '1.25', use: 'events.k8s.io/v1', since: '1.19' },
  'node.k8s.io/v1beta1/RuntimeClass': { removedIn: '1.25', use: 'node.k8s.io/v1', since: '1.20' },
  'autoscaling/v2beta1/HorizontalPodAutoscaler': { removedIn: '1.25', use: 'autoscaling/v2', since: '1.23', kubeScore: true },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': { removedIn: '1.26', use: 'autoscaling/v2', since: '1.23', kubeScore: true },
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema': { removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1', since: '1.23' },
  'flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema': { removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1', since: '1.26' },
  'flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema': { removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' },
  'storage.k8s.io/v1beta1/CSIStorageCapacity': { removedIn: '1.27', use: 'storage.k8s.io/v1', since: '1.24' },
};

/** `1.29`, `v1.29`, `v1.29.3` -> [1, 29]; undefined when it is not a version. */
export function parseKubernetesVersion(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Whether release `a` is `b` or later. */
function atLeast(a: [number, number], b: string): boolean {
  const [major, minor] = parseKubernetesVersion(b)!;
  return a[0] > major || (a[0] === major && a[1] >= minor);
}

export const check: K8sCheck = {
  id: 'K8S-API-DEPRECATED',
  severity: 'error',
  title: 'Deprecated or removed apiVersion (for the target Kubernetes version)',
  aliases: ['KSV-0107', 'kube-score:stable-version'],
  helpUri: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
  check: (ctx, opts) => {
    const target = parseKubernetesVersion(opts.targetKubernetesVersion ?? NEWEST_KUBERNETES) ?? parseKubernetesVersion(NEWEST_KUBERNETES)!;
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      const api = REMOVED_APIS[`${o.apiVersion}/${o.kind}`];
      // Before its replacement is served the old apiVersion is the one to use.
      if (!api || !atLeast(target, api.since)) continue;
      const aliases = api.kubeScore ? check.aliases : check.aliases.filter((a) => !a.startsWith('kube-score:'));
      const version = `${target[0]}.${target[1]}`;
      if (atLeast(target, api.removedIn)) out.push({ object: o, path: ['apiVersion'], aliases, message: `${describe(o)} uses ${o.apiVersion}, removed in Kubernetes ${api.removedIn}: use ${api.use}` });
      else out.push({ object: o, path: ['apiVersion'], aliases, severity: 'warning', message: `${describe(o)} uses ${o.apiVersion}, deprecated for ${api.use} (served since ${api.since}) and removed in ${api.removedIn}: Kubernetes ${version} still accepts it, move before upgrading` });
    }
    return out;
  },
};
