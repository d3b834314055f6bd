import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const hpa = (name = 'web') => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 2, maxReplicas: 5 } });
const noReplicas = () => {
  const d = deploymentObj(one()) as { spec: Record<string, unknown> };
  delete d.spec.replicas;
  return d;
};

export default table('K8S-REL-HPA-REPLICAS', [
  bad('replicas set and scaled by an HPA', docs(deploymentObj(one()), hpa())),
  good('no replicas, HPA scales it', docs(noReplicas(), hpa())),
  good('replicas set, HPA scales something else', docs(deploymentObj(one()), hpa('other'))),
]);
