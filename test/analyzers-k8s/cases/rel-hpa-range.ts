import { bad, docs, good, table } from '../helpers.js';

const hpa = (spec: Record<string, unknown>) => docs({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...spec } });

export default table('K8S-REL-HPA-RANGE', [
  { ...bad('minReplicas 1', hpa({ minReplicas: 1, maxReplicas: 5 })), aliases: ['kube-score:horizontalpodautoscaler-replicas', 'polaris:hpaMinAvailability'] },
  // Polaris judges only a minReplicas that is written down.
  { ...bad('minReplicas unset means 1', hpa({ maxReplicas: 5 })), aliases: ['kube-score:horizontalpodautoscaler-replicas'] },
  { ...bad('maxReplicas equal to minReplicas', hpa({ minReplicas: 3, maxReplicas: 3 })), aliases: ['polaris:hpaMaxAvailability'] },
  bad('both at 1', hpa({ minReplicas: 1, maxReplicas: 1 }), 2),
  { ...bad('minReplicas 3 under a floor of 5', hpa({ minReplicas: 3, maxReplicas: 10 })), opts: { minReplicasHpa: 5 } },
  good('2 to 5', hpa({ minReplicas: 2, maxReplicas: 5 })),
  { ...good('1 to 5 with a floor of 1', hpa({ minReplicas: 1, maxReplicas: 5 })), opts: { minReplicasHpa: 1 } },
]);
