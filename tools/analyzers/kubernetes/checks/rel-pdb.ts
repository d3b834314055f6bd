import { describe, kubeScoreForKind } from '../model.js';
import { pdbsCovering, setsFewerReplicas } from '../refs.js';
import type { K8sCheck } from '../types.js';

const ALIASES = ['kube-score:deployment-has-poddisruptionbudget', 'kube-score:statefulset-has-poddisruptionbudget', 'polaris:missingPodDisruptionBudget'];

export const check: K8sCheck = {
  id: 'K8S-REL-PDB',
  severity: 'info',
  title: 'No PodDisruptionBudget covers the workload',
  aliases: ALIASES,
  helpUri: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  check: (ctx) =>
    ctx.pods
      .filter((p) => (p.object.kind === 'Deployment' || p.object.kind === 'StatefulSet') && pdbsCovering(ctx, p).length === 0)
      .map((p) => ({
        object: p.object,
        path: ['spec', 'template', 'metadata', 'labels'],
        // kube-score skips a workload that sets fewer than 2 replicas; Polaris asks it of Deployments only.
        aliases: kubeScoreForKind(ALIASES, p.object.kind).filter((a) => (a.startsWith('kube-score:') ? !setsFewerReplicas(p.object, 2) : a !== 'polaris:missingPodDisruptionBudget' || p.object.kind === 'Deployment')),
        message: `${describe(p.object)} has no PodDisruptionBudget selecting its pods: a node drain may take them all down at once`,
      })),
};
