import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { isExternalImage, parseImageRef } from '../lib/stages.js';

export const DE1007: Rule = {
  id: 'DE1007',
  severity: 'info',
  description: 'The base image is not pinned by digest (`image:tag@sha256:...`): the tag can move.',
  aliases: [],
  check({ model }) {
    return model.stages
      .filter((s) => isExternalImage(model, s) && !s.image.startsWith('$') && !parseImageRef(s.image).digest)
      .map((s) => hitAt(s.from, `${s.image} is not pinned by digest: append @sha256:<digest> for reproducible builds`));
  },
};
