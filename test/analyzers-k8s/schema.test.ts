import { describe, expect, it } from 'vitest';
import model from '../../tools/analyzers/schema/k8s-types.json' with { type: 'json' };
import { hasKubernetesSchema, KUBERNETES_SCHEMA_SOURCE, validateKubernetesObject } from '../../tools/analyzers/schema/kubernetes.js';
import { analyzeKubernetes } from '../../tools/analyzers/kubernetes/index.js';

const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', labels: { app: 'd' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i:1', ...container }] } }, ...extra },
});

describe('Kubernetes schema validation', () => {
  it('is derived from a named package', () => expect(KUBERNETES_SCHEMA_SOURCE).toMatch(/@kubernetes\/client-node \d+\.\d+\.\d+/));

  it('the generated model is closed: every field type is a primitive or a kept model', () => {
    const primitives = new Set(['string', 'integer', 'number', 'boolean', 'int-or-string', 'quantity', 'any']);
    const types = model.types as Record<string, Record<string, string>>;
    for (const [name, fields] of Object.entries(types)) {
      for (const [field, type] of Object.entries(fields)) {
        const leaf = type.replace(/^(\[\]|\{\})+/, '');
        expect(primitives.has(leaf) || leaf in types, `${name}.${field}: ${type}`).toBe(true);
      }
    }
    for (const root of Object.values(model.kinds as Record<string, string>)) expect(types[root], root).toBeDefined();
    expect(types.V1Container.securityContext).toBe('V1SecurityContext');
    expect(types.V1ResourceRequirements.limits).toBe('{}quantity');
  });

  it('accepts a valid object, numbers as quantities, int-or-string ports, nulls', () => {
    const ok = deployment({
      resources: { limits: { cpu: 1, memory: '128Mi' }, requests: { cpu: '100m' } },
      ports: [{ containerPort: 80 }],
      readinessProbe: { httpGet: { path: '/', port: 'http' } },
      livenessProbe: { tcpSocket: { port: 80 } },
      env: null,
    });
    expect(validateKubernetesObject(ok, 'apps/v1', 'Deployment')).toEqual([]);
  });

  it('an unknown field, with a suggestion', () => {
    const issues = validateKubernetesObject(deployment({ imagePullPolice: 'Always' }), 'apps/v1', 'Deployment')!;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ problem: 'unknown-field', path: ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolice'] });
    expect(issues[0].message).toContain('did you mean "imagePullPolicy"');
  });

  it.each([
    ['replicas as a string', deployment({}, { replicas: '2' }), 'spec.replicas must be an integer'],
    ['a label value as a number', { ...deployment({}), metadata: { name: 'd', labels: { version: 1.5 } } }, 'metadata.labels.version must be a string'],
    ['env value as a number', deployment({ env: [{ name: 'PORT', value: 8080 }] }), 'env.0.value must be a string'],
    ['containers as a map', { ...deployment({}), spec: { selector: {}, template: { spec: { containers: { name: 'c' } } } } }, 'containers must be a list'],
    ['privileged as a string', deployment({ securityContext: { privileged: 'true' } }), 'privileged must be a boolean'],
    ['port as a float', deployment({ ports: [{ containerPort: 80.5 }] }), 'containerPort must be an integer'],
  ])('wrong type: %s', (_n, obj, msg) => {
    const issues = validateKubernetesObject(obj, 'apps/v1', 'Deployment')!;
    expect(issues.map((i) => i.message).join('\n')).toContain(msg);
    expect(issues.every((i) => i.problem === 'type')).toBe(true);
  });

  it('kinds without a schema here (CRDs, removed groups) are not judged', () => {
    expect(hasKubernetesSchema('example.com/v1', 'Widget')).toBe(false);
    expect(validateKubernetesObject({ anything: 1 }, 'extensions/v1beta1', 'Deployment')).toBeUndefined();
    expect(hasKubernetesSchema('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe(true);
  });

  it('findings point at the offending key', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: "80"\n      targetPort: 8080\n  tpye: NodePort\n';
    const f = analyzeKubernetes([{ file: 's.yaml', text }]).filter((x) => x.rule.startsWith('K8S-SCHEMA'));
    expect(f.map((x) => `${x.rule} ${x.line}:${x.column}`).sort()).toEqual(['K8S-SCHEMA-FIELD 9:3', 'K8S-SCHEMA-TYPE 7:7']);
  });

  it('schema: false turns it off', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  tpye: NodePort\n';
    expect(analyzeKubernetes([{ file: 's.yaml', text }], { schema: false }).filter((x) => x.rule.startsWith('K8S-SCHEMA'))).toEqual([]);
  });
});

describe('manifests that are not plain objects', () => {
  it('a Helm template is one YAML-TEMPLATE finding, not a crash or a parse error', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n';
    const f = analyzeKubernetes([{ file: 't.yaml', text }]);
    expect(f.map((x) => `${x.rule} ${x.severity}`)).toEqual(['YAML-TEMPLATE style']);
  });

  it('a kind: List is unrolled, and positions point into the item', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec:\n      containers:\n        - name: c\n          image: i:1\n          securityContext: {privileged: true}\n';
    const f = analyzeKubernetes([{ file: 'l.yaml', text }]).find((x) => x.rule === 'K8S-SEC-PRIVILEGED');
    expect(f).toMatchObject({ line: 11, column: 29 });
  });

  it('an object without metadata.name is reported', () => {
    const f = analyzeKubernetes([{ file: 'n.yaml', text: 'apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n' }]);
    expect(f.map((x) => x.rule)).toContain('K8S-OBJECT');
  });

  it('the ignore annotation silences the named checks for that object only', () => {
    const pod = (name: string, ann: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  annotations: {docker-expert.io/ignore: "${ann}"}\nspec:\n  hostNetwork: true\n  containers: [{name: c, image: "i:1"}]\n`;
    const f = analyzeKubernetes([{ file: 'a.yaml', text: `${pod('a', 'K8S-SEC-HOST-NETWORK')}---\n${pod('b', 'K8S-NET-POLICY')}` }]);
    expect(f.filter((x) => x.rule === 'K8S-SEC-HOST-NETWORK').map((x) => x.line)).toEqual([16]);
  });

  it.each([
    ['kube-score/ignore', 'kube-score/ignore: "container-security-context-privileged"', 'K8S-SEC-PRIVILEGED', 'K8S-SEC-HOST-NETWORK'],
    ['polaris per-check exemption', 'polaris.fairwinds.com/runAsPrivileged-exempt: "true"', 'K8S-SEC-PRIVILEGED', 'K8S-SEC-HOST-NETWORK'],
    ['polaris whole-object exemption', 'polaris.fairwinds.com/exempt: "true"', 'K8S-SEC-HOST-NETWORK', 'K8S-IMG-DIGEST'],
    ['checkov skip', 'checkov.io/skip1: CKV_K8S_19=the CNI needs it', 'K8S-SEC-HOST-NETWORK', 'K8S-SEC-PRIVILEGED'],
  ])('the upstream %s annotation silences the matching checks only', (_n, annotation, silenced, other) => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ${annotation}\nspec:\n  hostNetwork: true\n  containers: [{name: c, image: "i:1", securityContext: {privileged: true}}]\n`;
    const rules = new Set(analyzeKubernetes([{ file: 'a.yaml', text }]).map((x) => x.rule));
    expect(rules).not.toContain(silenced);
    expect(rules).toContain(other);
  });
});

describe("kube-score's annotations", () => {
  const sts = (templateAnnotations: string, ownAnnotations = '') =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n${ownAnnotations ? `  annotations: {${ownAnnotations}}\n` : ''}spec:\n  replicas: 2\n  serviceName: s\n  selector: {matchLabels: {app: s}}\n  template:\n    metadata:\n      labels: {app: s}\n      annotations: {${templateAnnotations}}\n    spec:\n      containers: [{name: c, image: "i:latest"}]\n`;
  const rules = (text: string, opts = {}) => new Set(analyzeKubernetes([{ file: 'a.yaml', text }], opts).map((x) => x.rule));

  it('kube-score/ignore on the pod template silences the pod checks it names', () => {
    const r = rules(sts('kube-score/ignore: "container-image-tag"'));
    expect(r).not.toContain('K8S-IMG-TAG');
    expect(r).toContain('K8S-SEC-RO-ROOTFS');
  });

  it('kube-score/ignore on the template does not reach the workload-level checks', () => {
    expect(rules(sts('kube-score/ignore: "statefulset-has-host-podantiaffinity"'))).toContain('K8S-REL-SPREAD');
    expect(rules(sts('', 'kube-score/ignore: "statefulset-has-host-podantiaffinity"'))).not.toContain('K8S-REL-SPREAD');
  });

  it('ignoring container-resources also ignores the ephemeral-storage check, as in kube-score', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kube-score/ignore: container-resources}\nspec:\n  containers: [{name: c, image: "i:1"}]\n';
    const r = rules(pod, { enable: new Set(['K8S-RES-EPHEMERAL']) });
    expect(r).not.toContain('K8S-RES-EPHEMERAL');
    expect(r).not.toContain('K8S-RES-MEM-LIMIT');
  });

  it('kube-score/enable turns an optional check on for that object only', () => {
    const pod = (name: string, ann: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  annotations: {${ann}}\nspec:\n  containers: [{name: c, image: "i:1", ports: [{name: http}]}]\n`;
    const f = analyzeKubernetes([{ file: 'a.yaml', text: `${pod('a', 'kube-score/enable: "container-ports-check"')}---\n${pod('b', 'x: y')}` }]);
    expect(f.filter((x) => x.rule === 'K8S-NET-PORTS').map((x) => x.message)).toEqual([expect.stringContaining('"c" of Pod "a"')]);
  });

  it('both can be turned off, as with --disable-ignore-checks-annotations / --disable-optional-checks-annotations', () => {
    expect(rules(sts('kube-score/ignore: "container-image-tag"'), { kubeScoreAnnotations: { ignore: false } })).toContain('K8S-IMG-TAG');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kube-score/enable: container-ports-check}\nspec:\n  containers: [{name: c, image: "i:1", ports: [{name: http}]}]\n';
    expect(rules(pod, { kubeScoreAnnotations: { enable: false } })).not.toContain('K8S-NET-PORTS');
  });
});
