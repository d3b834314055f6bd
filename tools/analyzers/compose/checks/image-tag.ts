import { hasVariable, parseImageRef } from '../../image-ref.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-IMAGE-TAG',
  severity: 'warning',
  title: 'Image without a tag, or :latest',
  aliases: ['KSV-0013', 'DL3007'],
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      const image = s.value.image;
      // With `build:` the image is the name given to what is built here.
      if (typeof image !== 'string' || s.value.build !== undefined || hasVariable(image)) continue;
      const ref = parseImageRef(image);
      if (ref.digest) continue;
      if (!ref.tag) out.push({ path: [...s.path, 'image'], message: `service "${s.name}" uses image ${image} without a tag (it means :latest): pin a version` });
      else if (ref.tag === 'latest') out.push({ path: [...s.path, 'image'], message: `service "${s.name}" uses ${image}: :latest changes under you, pin a version` });
    }
    return out;
  },
};
