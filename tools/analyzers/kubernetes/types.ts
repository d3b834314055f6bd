import type { Severity } from '../types.js';
import type { YamlDocument, YamlPath } from '../yaml-positions.js';

/** Plain JSON-like value of a manifest (what `yaml` gives back). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One Kubernetes object: a YAML document, or one item of a `kind: List`. */
export interface K8sObject {
  file: string;
  doc: YamlDocument;
  /** Where the object sits inside its document (`[]`, or `['items', 3]` inside a List). */
  base: YamlPath;
  apiVersion: string;
  kind: string;
  name: string;
  /** `undefined` when the manifest does not say (it lands in the namespace of the context). */
  namespace: string | undefined;
  value: Json;
}

/** A pod spec: a Pod's own, or the template of a workload. */
export interface PodTemplate {
  object: K8sObject;
  /** Path of the pod spec inside the object. */
  specPath: YamlPath;
  spec: Json;
  /** Labels the pods get (template metadata, or the Pod's own metadata). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  pod: PodTemplate;
  container: Json;
  kind: ContainerKind;
  /** Path of the container inside the object. */
  path: YamlPath;
  name: string;
}

/** A problem found by a check, before it becomes a positioned Finding. */
export interface K8sIssue {
  object: K8sObject;
  /** Path inside the object; the finding points at the deepest part that exists. */
  path: YamlPath;
  message: string;
  severity?: Severity;
  /**
   * The upstream checks that give this very verdict, when only some of the check's aliases do (a subset of them):
   * e.g. K8S-REL-READINESS carries `kube-score:pod-probes` only on pods a Service targets, as kube-score skips the
   * others. Unset: all of the check's aliases.
   */
  aliases?: readonly string[];
}

/** Every object of every analyzed file, so checks can follow references (Service -> Pod, PDB, HPA...). */
export interface K8sContext {
  objects: K8sObject[];
  pods: PodTemplate[];
  containers: ContainerRef[];
  /**
   * Objects of one kind in one namespace (undefined = "default"), from an index: checks that follow references use
   * it instead of scanning every object per pod, which made a file of thousands of objects quadratic.
   */
  ofKind(kind: string, namespace: string | undefined): K8sObject[];
  /** Pod templates in one namespace (undefined = "default"), from an index. */
  podsIn(namespace: string | undefined): PodTemplate[];
}

export interface K8sOptions {
  /** Optional checks to turn on (by id). */
  enable?: ReadonlySet<string>;
  /** Registries images may come from (K8S-IMG-REGISTRY runs only when this is set). */
  trustedRegistries?: readonly string[];
  /**
   * The Kubernetes version the manifests are for (`1.29`, `v1.29.3`): the apiVersion checks report what is deprecated
   * or removed by then. Default: NEWEST_KUBERNETES (the newest stable release).
   */
  targetKubernetesVersion?: string;
  /** Replicas a Deployment a Service targets should have at least (kube-score's --min-replicas-deployment; default 2). */
  minReplicasDeployment?: number;
  /** minReplicas an HPA should have at least (kube-score's --min-replicas-hpa; default 2). */
  minReplicasHpa?: number;
  /**
   * Whether kube-score's own annotations count (default both true, as in kube-score): `kube-score/ignore` silences
   * checks, `kube-score/enable` turns optional ones on, per object (kube-score's --disable-ignore-checks-annotations
   * and --disable-optional-checks-annotations turn them off).
   */
  kubeScoreAnnotations?: { ignore?: boolean; enable?: boolean };
}

export interface K8sCheck {
  id: string;
  severity: Severity;
  title: string;
  /** Upstream equivalents: `KSV-0017`, `CKV_K8S_16`, `kube-score:…`, `polaris:…`, `kubesec:…`. */
  aliases: string[];
  helpUri?: string;
  /** Off unless enabled by id. */
  optional?: boolean;
  check(ctx: K8sContext, opts: K8sOptions): K8sIssue[];
}
