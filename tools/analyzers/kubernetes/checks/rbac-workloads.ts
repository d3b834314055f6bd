import { CHANGE_VERBS, grantsNamed, namesLiterally, roleRuleCheck } from '../rbac.js';

/** Objects that run pods: whoever creates or changes them chooses what runs, with which service account. */
const WORKLOADS = ['pods', 'deployments', 'jobs', 'cronjobs', 'statefulsets', 'daemonsets', 'replicasets', 'replicationcontrollers'];

export const check = roleRuleCheck({
  id: 'K8S-RBAC-WORKLOADS',
  severity: 'info',
  title: 'Role can create or change workloads and pods',
  aliases: ['KSV-0048'],
  // Every deployer needs this; Trivy reports it by default.
  optional: true,
  grants: (r) => grantsNamed(r, WORKLOADS, [...CHANGE_VERBS, 'impersonate']),
  trivy: (r) => (namesLiterally(r, WORKLOADS, [...CHANGE_VERBS, 'impersonate', '*']) ? ['KSV-0048'] : []),
  what: (r) => `create or change ${r.resources.filter((x) => WORKLOADS.includes(x)).join(', ')} (and so run any image with any service account of the namespace)`,
});
