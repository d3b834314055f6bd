import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const hpa = (kind: string, name: string) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name }, minReplicas: 2, maxReplicas: 4 } });

export default table('K8S-REF-HPA', [
  bad('targets a Deployment that is not there', docs(deploymentObj(one()), hpa('Deployment', 'api'))),
  bad('right name, wrong kind', docs(deploymentObj(one()), hpa('StatefulSet', 'web'))),
  bad('no scaleTargetRef', docs({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { maxReplicas: 3 } })),
  good('targets the Deployment', docs(deploymentObj(one()), hpa('Deployment', 'web'))),
  good('no workloads analyzed', docs(hpa('Deployment', 'api'))),
]);
