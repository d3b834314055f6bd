import { bad, deployment, good, one, table } from '../helpers.js';

export default table('K8S-REL-SPREAD', [
  bad('three replicas, no spreading', deployment(one(), { replicas: 3 })),
  good('topologySpreadConstraints', deployment(one({}, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] }), { replicas: 3 })),
  good('podAntiAffinity', deployment(one({}, { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } }), { replicas: 3 })),
  good('a single replica has nothing to spread', deployment(one(), { replicas: 1 })),
]);
