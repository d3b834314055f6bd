import { bad, docs, good, table } from '../helpers.js';

const hpa = (spec: Record<string, unknown>) => docs({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...spec } });

export default table('K8S-REL-HPA-RANGE', [
  bad('minReplicas 1', hpa({ minReplicas: 1, maxReplicas: 5 })),
  bad('minReplicas unset means 1', hpa({ maxReplicas: 5 })),
  bad('maxReplicas equal to minReplicas', hpa({ minReplicas: 3, maxReplicas: 3 })),
  good('2 to 5', hpa({ minReplicas: 2, maxReplicas: 5 })),
]);
