import { describe } from '../model.js';
import type { K8sCheck } from '../types.js';

const SHARED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export const check: K8sCheck = {
  id: 'K8S-NS-DEFAULT',
  severity: 'info',
  title: 'Object in the default or a system namespace',
  aliases: ['KSV-0110', 'KSV-0037', 'CKV_K8S_21'],
  check: (ctx) =>
    ctx.objects
      .filter((o) => o.namespace !== undefined && SHARED_NAMESPACES.has(o.namespace))
      .map((o) => ({ object: o, path: ['metadata', 'namespace'], message: `${describe(o)} is placed in namespace ${o.namespace}: give the application its own namespace` })),
};
