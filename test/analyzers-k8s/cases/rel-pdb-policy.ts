import { bad, docs, good, table } from '../helpers.js';

const pdb = (spec: Record<string, unknown>) => docs({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });

export default table('K8S-REL-PDB-POLICY', [
  bad('maxUnavailable 0', pdb({ maxUnavailable: 0 })),
  bad('maxUnavailable "0%"', pdb({ maxUnavailable: '0%' })),
  bad('minAvailable 100%', pdb({ minAvailable: '100%' })),
  bad('no policy at all', pdb({})),
  good('minAvailable 1', pdb({ minAvailable: 1 })),
  good('maxUnavailable 25%', pdb({ maxUnavailable: '25%' })),
]);
