import { describe, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/**
 * Whether a repository prefix of Gatekeeper's K8sAllowedRepos is open-ended: the constraint matches image names by
 * prefix, so `myregistry.io` also allows `myregistry.io.attacker.com/…`, `ubuntu` allows `ubuntuevil`, and
 * `docker.io/ubuntu` allows `docker.io/ubuntuattacker/…`. A prefix needs a `/` (or `:`) that ends the name.
 */
function openEnded(repo: string): boolean {
  if (!repo.includes('/') && !repo.includes(':')) return true;
  const parts = repo.split('/');
  return parts[0] === 'docker.io' && parts.length <= 2;
}

export const check: K8sCheck = {
  id: 'K8S-IMG-ALLOWED-REPOS',
  severity: 'warning',
  title: "Gatekeeper K8sAllowedRepos prefix that other repositories match",
  aliases: ['KSV-0124'],
  helpUri: 'https://open-policy-agent.github.io/gatekeeper-library/website/validation/allowedrepos/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'K8sAllowedRepos' || !o.apiVersion.startsWith('constraints.gatekeeper.sh/')) continue;
      const repos = o.value.spec?.parameters?.repos;
      if (!Array.isArray(repos)) continue;
      // Trivy's KSV-0124 reads constraints.gatekeeper.sh/v1beta1 only.
      const aliases = withTrivy(check.aliases, o.apiVersion === 'constraints.gatekeeper.sh/v1beta1' ? ['KSV-0124'] : []);
      repos.forEach((repo: unknown, i: number) => {
        if (typeof repo === 'string' && openEnded(repo)) {
          out.push({ object: o, path: ['spec', 'parameters', 'repos', i], aliases, message: `${describe(o)} allows images starting with "${repo}": others can register names that start the same (end the prefix with "/")` });
        }
      });
    }
    return out;
  },
};
