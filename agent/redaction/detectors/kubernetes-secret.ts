import { isMap, isScalar, maps, pairOf, parseDocuments, spanOf, stringOf } from '../structured.js';
import type { Detector, Finding } from '../types.js';

const KIND = 'kubernetes-secret';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Every value under `data` and `stringData` of a Kubernetes Secret, in YAML or JSON, alone or in a List
 * (`kubectl get secret -o yaml`, a manifest read from disk), and the last-applied annotation that copies them.
 */
export const kubernetesSecret: Detector = {
  kinds: [KIND],
  structured: true,
  find(text: string): Finding[] {
    if (!/Secret/.test(text)) return [];
    const out: Finding[] = [];
    for (const root of parseDocuments(text)) {
      for (const map of maps(root)) {
        if (stringOf(map, 'kind') !== 'Secret') continue;
        for (const field of ['data', 'stringData']) {
          const values = pairOf(map, field)?.value;
          if (!isMap(values)) continue;
          for (const pair of values.items) {
            const span = isScalar(pair.value) ? spanOf(text, pair.value) : undefined;
            if (span) out.push({ start: span[0], end: span[1], kind: KIND });
          }
        }
        const metadata = pairOf(map, 'metadata')?.value;
        const annotations = isMap(metadata) ? pairOf(metadata, 'annotations')?.value : undefined;
        const lastApplied = isMap(annotations) ? pairOf(annotations, LAST_APPLIED)?.value : undefined;
        const span = lastApplied ? spanOf(text, lastApplied) : undefined;
        if (span) out.push({ start: span[0], end: span[1], kind: KIND });
      }
    }
    return out;
  },
};
