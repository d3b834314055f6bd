import { bad, deployment, docs, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-PRIVILEGED', [
  bad(
    'privileged container points at the privileged key',
    `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: a:1
      securityContext:
        privileged: true
`,
    1,
    { line: 10, column: 9 },
  ),
  bad('privileged init container of a Deployment', deployment({ ...one(), initContainers: [{ name: 'init', image: 'a:1', securityContext: { privileged: true } }] })),
  bad('two privileged containers', pod({ containers: [{ name: 'a', image: 'a:1', securityContext: { privileged: true } }, { name: 'b', image: 'b:1', securityContext: { privileged: true } }] }), 2),
  // Trivy does not look at ephemeral containers.
  { ...bad('privileged ephemeral container', pod({ ...one(), ephemeralContainers: [{ name: 'debug', image: 'registry.example.com/debug:1', securityContext: { privileged: true } }] })), aliases: ['CKV_K8S_16', 'kube-score:container-security-context-privileged', 'polaris:runAsPrivileged', 'kubesec:Privileged'] },
  good('privileged: false', pod(sc({ privileged: false }))),
  good('no securityContext', pod(one())),
  good('string "true" is not privileged (schema reports the type)', pod(sc({ privileged: 'true' }))),
  good('privileged under a ConfigMap is not a container', docs({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { privileged: 'true' } })),
]);
