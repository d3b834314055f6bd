import { floatingTagProblem } from '../../image-ref.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-IMAGE-TAG',
  severity: 'warning',
  title: 'Image without a tag, or :latest',
  aliases: ['KSV-0013', 'DL3007'],
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      // With `build:` the image is the name given to what is built here.
      if (typeof s.value.image !== 'string' || s.value.build !== undefined) continue;
      const problem = floatingTagProblem(s.value.image);
      if (problem) out.push({ path: [...s.path, 'image'], message: `service "${s.name}" ${problem}` });
    }
    return out;
  },
};
