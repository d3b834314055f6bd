import { bad, deployment, deploymentObj, docs, good, one, table } from '../helpers.js';

const pdb = (matchLabels: Record<string, string>, namespace?: string) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'pdb', ...(namespace ? { namespace } : {}) },
  spec: { minAvailable: 1, selector: { matchLabels } },
});

export default table('K8S-REL-PDB', [
  bad('no PDB', deployment(one())),
  bad('PDB selects other labels', docs(deploymentObj(one()), pdb({ app: 'other' }))),
  bad('PDB in another namespace', docs(deploymentObj(one()), pdb({ app: 'web' }, 'other'))),
  good('PDB selects the template labels', docs(deploymentObj(one()), pdb({ app: 'web' }))),
]);
