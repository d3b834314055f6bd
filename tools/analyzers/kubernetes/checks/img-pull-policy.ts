import { parseImageRef } from '../../image-ref.js';
import { containerIssue, describeContainer } from '../model.js';
import type { ContainerRef, K8sCheck } from '../types.js';

/** The pull policy Kubernetes applies: the one written, else Always for `:latest` or an untagged, undigested image. */
export function effectivePullPolicy(c: ContainerRef): string {
  const policy = c.container.imagePullPolicy;
  if (typeof policy === 'string' && policy !== '') return policy;
  const ref = parseImageRef(typeof c.container.image === 'string' ? c.container.image : '');
  return ref.tag === 'latest' || (ref.tag === undefined && ref.digest === undefined) ? 'Always' : 'IfNotPresent';
}

export const check: K8sCheck = {
  id: 'K8S-IMG-PULL-POLICY',
  severity: 'info',
  title: 'imagePullPolicy is not Always',
  aliases: ['CKV_K8S_15', 'kube-score:container-image-pull-policy', 'polaris:pullPolicyNotAlways'],
  // Debatable with digest-pinned images, so off unless enabled.
  optional: true,
  check: (ctx) =>
    ctx.containers
      .filter((c) => effectivePullPolicy(c) !== 'Always')
      .map((c) => containerIssue(c, ['imagePullPolicy'], `${describeContainer(c)} has imagePullPolicy ${String(c.container.imagePullPolicy ?? '(default: IfNotPresent for a tagged image)')}: a cached image may be stale or unauthorised`)),
};
