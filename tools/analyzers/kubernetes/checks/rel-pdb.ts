import { describe } from '../model.js';
import { pdbsCovering } from '../refs.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-PDB',
  severity: 'info',
  title: 'No PodDisruptionBudget covers the workload',
  aliases: ['kube-score:deployment-has-poddisruptionbudget', 'kube-score:statefulset-has-poddisruptionbudget', 'polaris:missingPodDisruptionBudget'],
  helpUri: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  check: (ctx) =>
    ctx.pods
      .filter((p) => (p.object.kind === 'Deployment' || p.object.kind === 'StatefulSet') && pdbsCovering(ctx, p).length === 0)
      .map((p) => ({ object: p.object, path: ['spec', 'template', 'metadata', 'labels'], message: `${describe(p.object)} has no PodDisruptionBudget selecting its pods: a node drain may take them all down at once` })),
};
