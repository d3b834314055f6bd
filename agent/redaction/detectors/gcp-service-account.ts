import { innerSpan, maps, pairOf, parseDocuments, spanOf, stringOf } from '../structured.js';
import type { Detector, Finding } from '../types.js';

const KIND = 'gcp-service-account';

/** A Google service-account key file: its `private_key` and `private_key_id` (the e-mail and project stay). */
export const gcpServiceAccount: Detector = {
  kinds: [KIND],
  structured: true,
  find(text: string): Finding[] {
    if (!text.includes('service_account')) return [];
    const out: Finding[] = [];
    for (const root of parseDocuments(text)) {
      for (const map of maps(root)) {
        if (stringOf(map, 'type') !== 'service_account') continue;
        for (const key of ['private_key', 'private_key_id']) {
          const span = spanOf(text, pairOf(map, key)?.value);
          if (span) {
            const [start, end] = innerSpan(text, span);
            out.push({ start, end, kind: KIND });
          }
        }
      }
    }
    return out;
  },
};
