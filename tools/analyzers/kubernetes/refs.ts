import { isRecord, mapSelectorMatches, selectorMatches } from './model.js';
import type { K8sContext, K8sObject, PodTemplate } from './types.js';

/** Kinds whose replica count is set in `spec.replicas`. */
export const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** HorizontalPodAutoscalers that scale `object`. */
export function hpasTargeting(ctx: K8sContext, object: K8sObject): K8sObject[] {
  return ctx.ofKind('HorizontalPodAutoscaler', object.namespace).filter((o) => {
    const ref = o.value.spec?.scaleTargetRef;
    return isRecord(ref) && ref.kind === object.kind && ref.name === object.name;
  });
}

/** PodDisruptionBudgets whose selector picks the pods of `pod`. */
export function pdbsCovering(ctx: K8sContext, pod: PodTemplate): K8sObject[] {
  return ctx.ofKind('PodDisruptionBudget', pod.object.namespace).filter((o) => selectorMatches(o.value.spec?.selector, pod.labels));
}

/** The replica count a workload asks for (Kubernetes defaults it to 1). */
export function replicasOf(object: K8sObject): number {
  const r = object.value.spec?.replicas;
  return typeof r === 'number' ? r : 1;
}

/** Services of the pod's namespace whose selector picks its pods (a Service without a selector picks none). */
export function servicesTargeting(ctx: K8sContext, pod: PodTemplate): K8sObject[] {
  return ctx.ofKind('Service', pod.object.namespace).filter((s) => s.value.spec?.type !== 'ExternalName' && mapSelectorMatches(s.value.spec?.selector, pod.labels));
}

/** Whether the object sets `spec.replicas` below `n` (an unset count is left to an autoscaler, as kube-score reads it). */
export function setsFewerReplicas(object: K8sObject, n: number): boolean {
  const r = object.value.spec?.replicas;
  return typeof r === 'number' && r < n;
}
