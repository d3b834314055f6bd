import type { Case } from '../helpers.js';
import { bad, good, one, pod, sc, table } from '../helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-SEC-CONTEXT-UNSET'] });

export default table('K8S-SEC-CONTEXT-UNSET', [
  on({ ...bad('neither pod nor container', pod(one()), 2), aliases: ['KSV-0118'] }),
  on(bad('container only: the pod has none', pod(sc({ runAsUser: 20000 })))),
  on(bad('a pod context of unknown fields only', pod(one({ securityContext: { runAsUser: 20000 } }, { securityContext: { unknownField: {} } })))),
  on(good('pod context the container inherits', pod(one({ securityContext: {} }, { securityContext: { runAsUser: 20000 } })))),
  on(good('both set', pod(one({ securityContext: { readOnlyRootFilesystem: true } }, { securityContext: { fsGroup: 20000 } })))),
  good('optional: off unless enabled', pod(one())),
]);
