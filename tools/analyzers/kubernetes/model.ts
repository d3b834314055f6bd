import type { YamlDocument, YamlPath } from '../yaml-positions.js';
import type { ContainerKind, ContainerRef, Json, K8sContext, K8sIssue, K8sObject, PodTemplate } from './types.js';

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, YamlPath>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINER_KINDS: ContainerKind[] = ['containers', 'initContainers', 'ephemeralContainers'];

export function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getIn(value: Json, path: YamlPath): Json {
  let cur = value;
  for (const step of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[step as never];
  }
  return cur;
}

/** Kubernetes objects of one parsed document (a `kind: List` yields its items). */
export function objectsOfDocument(file: string, doc: YamlDocument): K8sObject[] {
  const v = doc.value;
  if (!isRecord(v) || typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') return [];
  if (v.kind === 'List' || (v.kind.endsWith('List') && Array.isArray(v.items))) {
    const items = Array.isArray(v.items) ? v.items : [];
    return items.flatMap((item: Json, i: number) =>
      isRecord(item) && typeof item.kind === 'string' ? [makeObject(file, doc, ['items', i], item)] : [],
    );
  }
  return [makeObject(file, doc, [], v)];
}

function makeObject(file: string, doc: YamlDocument, base: YamlPath, value: Record<string, Json>): K8sObject {
  const meta = isRecord(value.metadata) ? value.metadata : {};
  return {
    file,
    doc,
    base,
    apiVersion: String(value.apiVersion ?? ''),
    kind: String(value.kind),
    name: typeof meta.name === 'string' ? meta.name : String(meta.name ?? meta.generateName ?? ''),
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    value,
  };
}

export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const specPath = POD_SPEC_PATHS[object.kind];
  if (!specPath) return undefined;
  const spec = getIn(object.value, specPath);
  if (!isRecord(spec)) return undefined;
  const metaPath = [...specPath.slice(0, -1), 'metadata'];
  const meta = getIn(object.value, metaPath);
  return {
    object,
    specPath,
    spec,
    labels: stringMap(isRecord(meta) ? meta.labels : undefined),
    annotations: stringMap(isRecord(meta) ? meta.annotations : undefined),
  };
}

function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}

export function containersOf(pod: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const kind of CONTAINER_KINDS) {
    const list = pod.spec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((container: Json, i: number) => {
      if (!isRecord(container)) return;
      out.push({ pod, container, kind, path: [...pod.specPath, kind, i], name: String(container.name ?? `#${i}`) });
    });
  }
  return out;
}

export function buildContext(objects: K8sObject[]): K8sContext {
  const pods = objects.map(podTemplateOf).filter((p): p is PodTemplate => p !== undefined);
  const key = (kind: string, namespace: string | undefined) => `${kind}\u0000${namespace ?? 'default'}`;
  const index = groupBy(objects, (o) => key(o.kind, o.namespace));
  const podIndex = groupBy(pods, (p) => p.object.namespace ?? 'default');
  return {
    objects,
    pods,
    containers: pods.flatMap(containersOf),
    ofKind: (kind, namespace) => index.get(key(kind, namespace)) ?? [],
    podsIn: (namespace) => podIndex.get(namespace ?? 'default') ?? [],
  };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** An issue on a container, at `rel` inside it. */
export function containerIssue(c: ContainerRef, rel: YamlPath, message: string): K8sIssue {
  return { object: c.pod.object, path: [...c.path, ...rel], message };
}

/** An issue on a pod spec, at `rel` inside it. */
export function podIssue(p: PodTemplate, rel: YamlPath, message: string): K8sIssue {
  return { object: p.object, path: [...p.specPath, ...rel], message };
}

export function describe(o: K8sObject): string {
  return `${o.kind} "${o.name}"`;
}

export function describeContainer(c: ContainerRef): string {
  const kind = c.kind === 'containers' ? 'container' : c.kind === 'initContainers' ? 'init container' : 'ephemeral container';
  return `${kind} "${c.name}" of ${describe(c.pod.object)}`;
}

/** Containers that run for the life of the pod (regular ones, not init or ephemeral). */
export function regularContainers(ctx: K8sContext): ContainerRef[] {
  return ctx.containers.filter((c) => c.kind === 'containers');
}

/** A field of the container's securityContext, falling back to the pod's where Kubernetes does. */
export function effectiveSecurity(c: ContainerRef, field: string): Json {
  const own = getIn(c.container, ['securityContext', field]);
  if (own !== undefined && own !== null) return own;
  return getIn(c.pod.spec, ['securityContext', field]);
}

/** Whether the context effectively applies `ns` (undefined meaning "the default namespace"). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return (a ?? 'default') === (b ?? 'default');
}

/** `metav1.LabelSelector` semantics (matchLabels and matchExpressions). An empty selector selects everything. */
export function selectorMatches(selector: Json, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const ml = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== String(v)) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!isRecord(e)) return false;
    const key = String(e.key);
    const values: string[] = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service-style selector (plain map); an empty or missing one selects nothing. */
export function mapSelectorMatches(selector: Json, labels: Record<string, string>): boolean {
  if (!isRecord(selector) || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === String(v));
}

/** Workload kinds that keep pods running (probes, replicas and disruption budgets matter). */
export const LONG_RUNNING_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

export function normaliseCapability(cap: unknown): string {
  return String(cap).toUpperCase().replace(/^CAP_/, '');
}

export function capabilityList(c: ContainerRef, which: 'add' | 'drop'): string[] {
  const list = getIn(c.container, ['securityContext', 'capabilities', which]);
  return Array.isArray(list) ? list.map(normaliseCapability) : [];
}

/**
 * A finding's aliases when only some kube-score checks give its verdict: the check's other aliases, and of its
 * `kube-score:` ones those named in `kubeScore` (ids without the prefix).
 */
export function withKubeScore(aliases: readonly string[], kubeScore: readonly string[]): string[] {
  return aliases.filter((a) => !a.startsWith('kube-score:') || kubeScore.includes(a.slice('kube-score:'.length)));
}

/**
 * kube-score names some checks per kind (`deployment-has-poddisruptionbudget`, `statefulset-has-…`): the aliases of
 * a finding on a `kind` keep only that kind's.
 */
export function kubeScoreForKind(aliases: readonly string[], kind: string): string[] {
  const prefix = `kube-score:${kind.toLowerCase()}-`;
  return aliases.filter((a) => !/^kube-score:(deployment|statefulset)-/.test(a) || a.startsWith(prefix));
}

/**
 * A finding's aliases when only some Trivy checks give its verdict: the check's other aliases, and of its `KSV-`
 * ones those in `ksv` (Trivy's checks are narrower or differently cut than ours).
 */
export function withTrivy(aliases: readonly string[], ksv: readonly string[]): string[] {
  return aliases.filter((a) => !a.startsWith('KSV-') || ksv.includes(a));
}

/** Trivy does not look at ephemeral containers: their findings carry no KSV id. */
export function trivyContainerAliases(c: ContainerRef, aliases: readonly string[]): string[] {
  return c.kind === 'ephemeralContainers' ? withTrivy(aliases, []) : [...aliases];
}
