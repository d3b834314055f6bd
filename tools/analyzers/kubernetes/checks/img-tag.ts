import { floatingTagProblem } from '../../image-ref.js';
import { containerIssue, describeContainer, trivyContainerAliases } from '../model.js';
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
      const problem = typeof c.container.image === 'string' ? floatingTagProblem(c.container.image) : undefined;
      if (problem) out.push({ ...containerIssue(c, ['image'], `${describeContainer(c)} ${problem}`), aliases: trivyContainerAliases(c, check.aliases) });
    }
    return out;
  },
};
