import { bad, docs, good, table } from '../helpers.js';

const allowed = (repos: string[], apiVersion = 'constraints.gatekeeper.sh/v1beta1') => docs({ apiVersion, kind: 'K8sAllowedRepos', metadata: { name: 'repos' }, spec: { match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }] }, parameters: { repos } } });

export default table('K8S-IMG-ALLOWED-REPOS', [
  { ...bad('a registry host without "/"', allowed(['myregistry.io'])), aliases: ['KSV-0124'] },
  bad('two open-ended prefixes', allowed(['ubuntu', 'docker.io/ubuntu']), 2),
  // Trivy's KSV-0124 reads v1beta1 constraints only.
  { ...bad('a v1 constraint', allowed(['myregistry.io'], 'constraints.gatekeeper.sh/v1')), aliases: [] },
  good('prefixes ended by "/"', allowed(['myregistry.azurecr.io/', 'docker.io/library/ubuntu', 'myimage:'])),
  good('another constraint kind', docs({ apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sRequiredLabels', metadata: { name: 'l' }, spec: { parameters: { repos: ['x'] } } })),
]);
