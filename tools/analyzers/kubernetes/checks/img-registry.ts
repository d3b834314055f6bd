import { imageRegistry } from '../../image-ref.js';
import { containerIssue, describeContainer } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-IMG-REGISTRY',
  severity: 'warning',
  title: 'Image from a registry that is not trusted',
  aliases: ['KSV-0125', 'KSV-0034'],
  // Runs only when the caller names its trusted registries.
  check: (ctx, opts) => {
    const trusted = opts.trustedRegistries;
    if (!trusted || trusted.length === 0) return [];
    return ctx.containers
      .filter((c) => typeof c.container.image === 'string' && !trusted.includes(imageRegistry(c.container.image)))
      .map((c) => containerIssue(c, ['image'], `${describeContainer(c)} pulls from ${imageRegistry(c.container.image)}, which is not among the trusted registries (${trusted.join(', ')})`));
  },
};
