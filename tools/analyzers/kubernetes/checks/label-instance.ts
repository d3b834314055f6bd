import { describe, isRecord } from '../model.js';
import type { K8sCheck } from '../types.js';

const LABEL = 'app.kubernetes.io/instance';

export const check: K8sCheck = {
  id: 'K8S-LABEL-INSTANCE',
  severity: 'info',
  title: 'app.kubernetes.io/instance label missing or not the object name',
  aliases: ['polaris:metadataAndInstanceMismatched'],
  // A labelling convention (Helm sets it to the release name): off unless enabled.
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/',
  check: (ctx) =>
    ctx.pods
      .map((p) => p.object)
      .filter((o) => {
        const labels = isRecord(o.value.metadata?.labels) ? o.value.metadata.labels : {};
        return labels[LABEL] !== o.name;
      })
      .map((o) => ({ object: o, path: ['metadata', 'labels', LABEL], message: `${describe(o)} ${isRecord(o.value.metadata?.labels) && LABEL in o.value.metadata.labels ? `has ${LABEL} "${String(o.value.metadata.labels[LABEL])}", not its name` : `has no ${LABEL} label`}: tools that group objects by instance will not find it` })),
};
