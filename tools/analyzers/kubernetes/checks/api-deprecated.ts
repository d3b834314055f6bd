import { describe } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

interface Removal {
  removedIn: string;
  use: string;
}

/** apiVersion/kind pairs removed from Kubernetes, with the version that removed them and the replacement. */
export const REMOVED_APIS: Readonly<Record<string, Removal>> = {
  'extensions/v1beta1/Deployment': { removedIn: '1.16', use: 'apps/v1' },
  'extensions/v1beta1/DaemonSet': { removedIn: '1.16', use: 'apps/v1' },
  'extensions/v1beta1/ReplicaSet': { removedIn: '1.16', use: 'apps/v1' },
  'extensions/v1beta1/NetworkPolicy': { removedIn: '1.16', use: 'networking.k8s.io/v1' },
  'extensions/v1beta1/PodSecurityPolicy': { removedIn: '1.16', use: 'Pod Security Admission (PSP is gone since 1.25)' },
  'extensions/v1beta1/Ingress': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'apps/v1beta1/Deployment': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta1/StatefulSet': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/Deployment': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/StatefulSet': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/DaemonSet': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/ReplicaSet': { removedIn: '1.16', use: 'apps/v1' },
  'networking.k8s.io/v1beta1/Ingress': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'networking.k8s.io/v1beta1/IngressClass': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/Role': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': { removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': { removedIn: '1.22', use: 'admissionregistration.k8s.io/v1' },
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': { removedIn: '1.22', use: 'admissionregistration.k8s.io/v1' },
  'scheduling.k8s.io/v1beta1/PriorityClass': { removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': { removedIn: '1.22', use: 'certificates.k8s.io/v1' },
  'coordination.k8s.io/v1beta1/Lease': { removedIn: '1.22', use: 'coordination.k8s.io/v1' },
  'storage.k8s.io/v1beta1/CSIDriver': { removedIn: '1.22', use: 'storage.k8s.io/v1' },
  'storage.k8s.io/v1beta1/StorageClass': { removedIn: '1.22', use: 'storage.k8s.io/v1' },
  'batch/v1beta1/CronJob': { removedIn: '1.25', use: 'batch/v1' },
  'batch/v2alpha1/CronJob': { removedIn: '1.21', use: 'batch/v1' },
  'policy/v1beta1/PodDisruptionBudget': { removedIn: '1.25', use: 'policy/v1' },
  'policy/v1beta1/PodSecurityPolicy': { removedIn: '1.25', use: 'Pod Security Admission' },
  'discovery.k8s.io/v1beta1/EndpointSlice': { removedIn: '1.25', use: 'discovery.k8s.io/v1' },
  'events.k8s.io/v1beta1/Event': { removedIn: '1.25', use: 'events.k8s.io/v1' },
  'node.k8s.io/v1beta1/RuntimeClass': { removedIn: '1.25', use: 'node.k8s.io/v1' },
  'autoscaling/v2beta1/HorizontalPodAutoscaler': { removedIn: '1.25', use: 'autoscaling/v2' },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': { removedIn: '1.26', use: 'autoscaling/v2' },
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema': { removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema': { removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema': { removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'storage.k8s.io/v1beta1/CSIStorageCapacity': { removedIn: '1.27', use: 'storage.k8s.io/v1' },
};

export const check: K8sCheck = {
  id: 'K8S-API-DEPRECATED',
  severity: 'error',
  title: 'Removed apiVersion',
  aliases: ['KSV-0107', 'kube-score:stable-version'],
  helpUri: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      const removal = REMOVED_APIS[`${o.apiVersion}/${o.kind}`];
      if (removal) out.push({ object: o, path: ['apiVersion'], message: `${describe(o)} uses ${o.apiVersion}, removed in Kubernetes ${removal.removedIn}: use ${removal.use}` });
    }
    return out;
  },
};
