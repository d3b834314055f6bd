import { bad, deployment, deploymentObj, docs, good, one, table } from '../helpers.js';

const term = (topologyKey: string, app = 'web') => ({ topologyKey, labelSelector: { matchLabels: { app } } });
const anti = (kind: 'preferred' | 'required', t: Record<string, unknown>) => ({
  affinity: { podAntiAffinity: kind === 'required' ? { requiredDuringSchedulingIgnoredDuringExecution: [t] } : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: t }] } },
});
const tsc = (app: string) => ({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app } } }] });
const unsetReplicas = () => {
  const o = deploymentObj(one(), {}, {}, 'StatefulSet') as { spec: Record<string, unknown> };
  delete o.spec.replicas;
  return docs(o);
};

export default table('K8S-REL-SPREAD', [
  { ...bad('three replicas, no spreading', deployment(one(), { replicas: 3 })), aliases: ['kube-score:deployment-has-host-podantiaffinity', 'polaris:topologySpreadConstraint'] },
  { ...bad('anti-affinity whose selector misses its own pods', deployment(one({}, anti('preferred', term('kubernetes.io/hostname', 'other'))), { replicas: 3 })), aliases: ['kube-score:deployment-has-host-podantiaffinity', 'polaris:topologySpreadConstraint'] },
  bad('anti-affinity on a custom key (only the well-known hostname, zone and region keys count, as in kube-score)', deployment(one({}, anti('required', term('example.com/rack'))), { replicas: 3 })),
  // Polaris is content with any topologySpreadConstraint; this one counts other pods.
  { ...bad('a constraint that counts other pods', deployment(one({}, tsc('other')), { replicas: 3 })), aliases: ['kube-score:deployment-has-host-podantiaffinity'] },
  { ...bad('a StatefulSet with its replica count unset (an autoscaler may run several)', unsetReplicas()), aliases: ['kube-score:statefulset-has-host-podantiaffinity', 'polaris:topologySpreadConstraint'] },
  good('topologySpreadConstraints', deployment(one({}, tsc('web')), { replicas: 3 })),
  good('preferred podAntiAffinity on the hostname', deployment(one({}, anti('preferred', term('kubernetes.io/hostname'))), { replicas: 3 })),
  good('required podAntiAffinity on the zone', deployment(one({}, anti('required', term('topology.kubernetes.io/zone'))), { replicas: 3 })),
  good('a single replica has nothing to spread', deployment(one(), { replicas: 1 })),
]);
