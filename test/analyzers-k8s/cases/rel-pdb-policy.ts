import { bad, docs, good, table } from '../helpers.js';

const pdb = (spec: Record<string, unknown>) => docs({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });

export default table('K8S-REL-PDB-POLICY', [
  { ...bad('maxUnavailable 0', pdb({ maxUnavailable: 0 })), aliases: ['polaris:pdbDisruptionsIsZero'] },
  bad('maxUnavailable "0%"', pdb({ maxUnavailable: '0%' })),
  bad('minAvailable 100%', pdb({ minAvailable: '100%' })),
  // kube-score asks that a policy be set; Polaris that it allow some disruption.
  { ...bad('no policy at all', pdb({})), aliases: ['kube-score:poddisruptionbudget-has-policy'] },
  good('minAvailable 1', pdb({ minAvailable: 1 })),
  good('maxUnavailable 25%', pdb({ maxUnavailable: '25%' })),
]);
