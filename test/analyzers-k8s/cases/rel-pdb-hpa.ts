import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const dep = (replicas?: number) => {
  const o = deploymentObj(one()) as { spec: Record<string, unknown> };
  if (replicas === undefined) delete o.spec.replicas;
  else o.spec.replicas = replicas;
  return o;
};
const hpa = (minReplicas?: number) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...(minReplicas === undefined ? {} : { minReplicas }), maxReplicas: 20 } });
const pdb = (spec: Record<string, unknown>, app = 'web') => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { selector: { matchLabels: { app } }, ...spec } });
const POLARIS = ['polaris:pdbMinAvailableGreaterThanHPAMinReplicas'];

export default table('K8S-REL-PDB-HPA', [
  { ...bad('minAvailable above minReplicas', docs(dep(), pdb({ minAvailable: 10 }), hpa(5))), aliases: POLARIS },
  // Equal already blocks every eviction at the minimum scale; Polaris only flags more.
  { ...bad('minAvailable equal to minReplicas', docs(dep(), pdb({ minAvailable: 5 }), hpa(5))), aliases: [] },
  { ...bad('a percentage that rounds up to every pod', docs(dep(10), pdb({ minAvailable: '150%' }), hpa(10))), aliases: POLARIS },
  good('minAvailable below minReplicas', docs(dep(), pdb({ minAvailable: 3 }), hpa(5))),
  good('half of the pods', docs(dep(10), pdb({ minAvailable: '50%' }), hpa(10))),
  good('maxUnavailable instead', docs(dep(), pdb({ maxUnavailable: 1 }), hpa(5))),
  good('the HPA sets no minReplicas', docs(dep(), pdb({ minAvailable: 5 }), hpa())),
  good('the PDB selects other pods', docs(dep(), pdb({ minAvailable: 10 }, 'db'), hpa(5))),
  good('no HPA', docs(dep(), pdb({ minAvailable: 10 }))),
]);
