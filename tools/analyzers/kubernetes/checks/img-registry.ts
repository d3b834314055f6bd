import { imageRegistry } from '../../image-ref.js';
import { containerIssue, describeContainer, withTrivy } from '../model.js';
import type { K8sCheck } from '../types.js';

/**
 * Trivy's KSV-0125: the part before the first `/` is the registry, and it is trusted when it ends with a trusted
 * name; an image without a `/` (Docker Hub's library) is never judged.
 */
function trivyUntrusted(image: string, trusted: readonly string[]): boolean {
  const parts = image.split('/');
  return parts.length > 1 && !trusted.some((t) => parts[0].endsWith(t));
}

export const check: K8sCheck = {
  id: 'K8S-IMG-REGISTRY',
  severity: 'warning',
  title: 'Image from a registry that is not trusted',
  aliases: ['KSV-0125'],
  // Runs only when the caller names its trusted registries.
  check: (ctx, opts) => {
    const trusted = opts.trustedRegistries;
    if (!trusted || trusted.length === 0) return [];
    return ctx.containers
      .filter((c) => typeof c.container.image === 'string' && !trusted.includes(imageRegistry(c.container.image)))
      .map((c) => ({ ...containerIssue(c, ['image'], `${describeContainer(c)} pulls from ${imageRegistry(c.container.image)}, which is not among the trusted registries (${trusted.join(', ')})`), aliases: withTrivy(check.aliases, trivyUntrusted(c.container.image, trusted) && c.kind !== 'ephemeralContainers' ? ['KSV-0125'] : []) }));
  },
};
