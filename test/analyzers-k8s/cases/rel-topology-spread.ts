import { bad, deployment, good, one, table } from '../helpers.js';

const c = (extra: Record<string, unknown> = {}, drop: string[] = []) => {
  const t: Record<string, unknown> = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra };
  for (const k of drop) delete t[k];
  return t;
};
const spread = (...constraints: Record<string, unknown>[]) => deployment(one({}, { topologySpreadConstraints: constraints }), { replicas: 3 });

export default table('K8S-REL-TOPOLOGY-SPREAD', [
  bad('no labelSelector', spread(c({}, ['labelSelector']))),
  bad('maxSkew 0', spread(c({ maxSkew: 0 }))),
  bad('maxSkew unset', spread(c({}, ['maxSkew']))),
  bad('minDomains 0', spread(c({ minDomains: 0 }))),
  bad('no topologyKey', spread(c({}, ['topologyKey']))),
  bad('whenUnsatisfiable misspelt', spread(c({ whenUnsatisfiable: 'DoNotScheduled' }))),
  bad('the second of two is invalid', spread(c(), c({ topologyKey: '' }))),
  good('one valid constraint', spread(c())),
  good('two valid constraints', spread(c(), c({ topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }))),
  good('no constraints (the scheduler defaults apply)', deployment(one(), { replicas: 3 })),
]);
