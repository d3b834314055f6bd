import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { isExternalImage, parseImageRef } from '../lib/stages.js';

export const DL3006: Rule = {
  id: 'DL3006',
  severity: 'warning',
  description: 'Always tag the base image version explicitly.',
  aliases: ['CKV_DOCKER_7', 'DS-0001', 'AVD-DS-0001'],
  check({ model }) {
    return model.stages
      .filter((s) => isExternalImage(model, s) && !s.image.includes('$'))
      .filter((s) => {
        const ref = parseImageRef(s.image);
        return !ref.tag && !ref.digest;
      })
      .map((s) => hitAt(s.from, `FROM ${s.image} has no tag: pin a version (e.g. ${s.image}:<version>)`));
  },
};
