import { hasVariable, parseImageRef } from '../../image-ref.js';
import { containerIssue, describeContainer } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-IMG-DIGEST',
  severity: 'info',
  title: 'Image not pinned by digest',
  aliases: ['CKV_K8S_43'],
  check: (ctx) =>
    ctx.containers
      .filter((c) => typeof c.container.image === 'string' && !hasVariable(c.container.image) && !parseImageRef(c.container.image).digest)
      .map((c) => containerIssue(c, ['image'], `${describeContainer(c)} image ${String(c.container.image)} is not pinned by digest (@sha256:…): a tag can be moved`)),
};
