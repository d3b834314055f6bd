import { containerIssue, describeContainer } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-IMG-PULL-POLICY',
  severity: 'info',
  title: 'imagePullPolicy is not Always',
  aliases: ['CKV_K8S_15', 'kube-score:container-image-pull-policy', 'polaris:pullPolicyNotAlways'],
  // Debatable with digest-pinned images, so off unless enabled.
  optional: true,
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.container.imagePullPolicy !== 'Always')
      .map((c) => containerIssue(c, ['imagePullPolicy'], `${describeContainer(c)} has imagePullPolicy ${String(c.container.imagePullPolicy ?? '(default)')}: a cached image may be stale or unauthorised`)),
};
