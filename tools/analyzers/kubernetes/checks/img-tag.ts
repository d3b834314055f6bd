import { hasVariable, parseImageRef } from '../../image-ref.js';
import { containerIssue, describeContainer } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-IMG-TAG',
  severity: 'error',
  title: 'Image without a tag, or :latest',
  aliases: ['KSV-0013', 'CKV_K8S_14', 'kube-score:container-image-tag', 'polaris:tagNotSpecified'],
  helpUri: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const image = c.container.image;
      if (typeof image !== 'string' || hasVariable(image)) continue;
      const ref = parseImageRef(image);
      if (ref.digest) continue;
      if (!ref.tag) out.push(containerIssue(c, ['image'], `${describeContainer(c)} uses image ${image} without a tag (it means :latest): pin a version`));
      else if (ref.tag === 'latest') out.push(containerIssue(c, ['image'], `${describeContainer(c)} uses ${image}: :latest changes under you, pin a version`));
    }
    return out;
  },
};
