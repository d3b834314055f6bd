import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { isExternalImage, parseImageRef } from '../lib/stages.js';

export const DL3007: Rule = {
  id: 'DL3007',
  severity: 'warning',
  description: 'Do not use the `latest` tag: pin the base image to a release tag.',
  aliases: ['CKV_DOCKER_7', 'DS-0001', 'AVD-DS-0001'],
  check({ model }) {
    return model.stages
      .filter((s) => isExternalImage(model, s))
      .filter((s) => {
        const ref = parseImageRef(s.image);
        return ref.tag === 'latest' && !ref.digest;
      })
      .map((s) => hitAt(s.from, `FROM ${s.image} uses "latest": pin a release tag`));
  },
};
