import { parseImageRef } from '../../image-ref.js';
import { containersOf, describe, getIn } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** `tiller` as a word of a name (tiller-deploy, app-run-tiller), not inside one (distiller). */
const TILLER_WORD = /(^|[-_.])tiller($|[-_.])/i;

export const check: K8sCheck = {
  id: 'K8S-SEC-TILLER',
  severity: 'warning',
  title: "Helm 2's Tiller is deployed",
  aliases: ['KSV-0102'],
  helpUri: 'https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const containers = containersOf(p).filter((c) => c.kind !== 'ephemeralContainers');
      if (containers.length === 0) continue;
      const o = p.object;
      const templateName = getIn(o.value, [...p.specPath.slice(0, -1), 'metadata', 'name']);
      // Tiller's own labels (app: helm, name: tiller), its image (…/tiller), or its name.
      const byLabel = p.labels.app === 'helm' || p.labels.name === 'tiller' || o.value.metadata?.labels?.app === 'helm' || o.value.metadata?.labels?.name === 'tiller';
      const byName = TILLER_WORD.test(o.name) || (typeof templateName === 'string' && TILLER_WORD.test(templateName));
      const byImage = containers.find((c) => typeof c.container.image === 'string' && parseImageRef(c.container.image).repository.split('/').pop() === 'tiller');
      if (!byLabel && !byName && !byImage) continue;
      const path = byImage ? [...byImage.path, 'image'] : ['metadata', 'name'];
      out.push({ object: o, path, message: `${describe(o)} runs Tiller, Helm 2's in-cluster server: it answers anyone who reaches its port with its (usually cluster-admin) rights; Helm 3 needs no Tiller` });
    }
    return out;
  },
};
