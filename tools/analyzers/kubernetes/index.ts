import type { Finding, Severity } from '../types.js';
import { parseYamlDocuments } from '../yaml-positions.js';
import type { YamlDocument } from '../yaml-positions.js';
import { hasKubernetesSchema, validateKubernetesObject } from '../schema/kubernetes.js';
import { buildContext, isRecord, objectsOfDocument, podTemplateOf } from './model.js';
import { kubernetesChecks } from './registry.js';
import type { K8sCheck, K8sObject, K8sOptions } from './types.js';

export type { K8sCheck, K8sOptions } from './types.js';
export { kubernetesChecks } from './registry.js';

export interface KubernetesSource {
  file: string;
  text: string;
}

export interface KubernetesAnalyzeOptions extends K8sOptions {
  /** Validate fields and types of the common kinds (default true). */
  schema?: boolean;
}

/** Annotation listing check ids (comma separated) not to report for that object. */
export const IGNORE_ANNOTATION = 'docker-expert.io/ignore';

/** Rule ids of findings that are not checks of a manifest. */
export const YAML_PARSE_RULE = 'YAML-PARSE';
export const YAML_TEMPLATE_RULE = 'YAML-TEMPLATE';
export const K8S_UNKNOWN_FIELD_RULE = 'K8S-SCHEMA-FIELD';
export const K8S_TYPE_RULE = 'K8S-SCHEMA-TYPE';
export const K8S_OBJECT_RULE = 'K8S-OBJECT';

export interface RuleInfo {
  id: string;
  severity: Severity;
  title: string;
  aliases: string[];
  helpUri?: string;
  optional?: boolean;
}

/** The rules that are not checks but come from parsing and validation. */
export const kubernetesBaseRules: readonly RuleInfo[] = [
  { id: YAML_PARSE_RULE, severity: 'error', title: 'YAML does not parse', aliases: [] },
  { id: YAML_TEMPLATE_RULE, severity: 'style', title: 'Template syntax ({{ }}): render it (helm template) to analyze it', aliases: [] },
  { id: K8S_OBJECT_RULE, severity: 'error', title: 'Kubernetes object without apiVersion, kind or metadata.name', aliases: [] },
  { id: K8S_UNKNOWN_FIELD_RULE, severity: 'error', title: 'Unknown field (kubectl --validate=strict rejects it)', aliases: ['kubeconform'] },
  { id: K8S_TYPE_RULE, severity: 'error', title: 'Field of the wrong type', aliases: ['kubeconform'] },
];

/** YAML syntax problems and template markers of parsed documents, as findings. */
export function documentProblems(file: string, docs: YamlDocument[]): Finding[] {
  const out: Finding[] = [];
  for (const d of docs) {
    if (d.templated) {
      out.push({ rule: YAML_TEMPLATE_RULE, severity: 'style', message: `document ${d.index + 1} holds template syntax ({{ }}): render it (helm template) to analyze it`, file, ...d.start, aliases: [] });
    } else {
      for (const e of d.errors) out.push({ rule: YAML_PARSE_RULE, severity: 'error', message: `YAML: ${e.message}`, file, line: e.line, column: e.column, aliases: [] });
    }
  }
  return out;
}

/**
 * Analyzes Kubernetes manifests. All sources form one object graph, so cross-object checks (Service -> pods,
 * PodDisruptionBudget, HPA, NetworkPolicy, RBAC bindings) see every file given together.
 */
export function analyzeKubernetes(sources: KubernetesSource[], opts: KubernetesAnalyzeOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const objects: K8sObject[] = [];
  for (const src of sources) {
    const docs = parseYamlDocuments(src.text);
    findings.push(...documentProblems(src.file, docs));
    for (const d of docs) {
      if (d.value === undefined || d.value === null) continue;
      const found = objectsOfDocument(src.file, d);
      if (found.length === 0 && isRecord(d.value) && ('kind' in d.value || 'apiVersion' in d.value)) {
        findings.push({ rule: K8S_OBJECT_RULE, severity: 'error', message: `document ${d.index + 1} has ${'kind' in d.value ? 'kind but no apiVersion' : 'apiVersion but no kind'}`, file: src.file, ...d.start, aliases: [] });
      }
      objects.push(...found);
    }
  }
  for (const o of objects) {
    if (!o.name && hasKubernetesSchema(o.apiVersion, o.kind)) findings.push(finding(o, [], { id: K8S_OBJECT_RULE, severity: 'error', aliases: [] }, `${o.kind} has no metadata.name`));
  }
  if (opts.schema !== false) {
    for (const o of objects) {
      for (const issue of validateKubernetesObject(o.value, o.apiVersion, o.kind) ?? []) {
        const rule = issue.problem === 'unknown-field' ? K8S_UNKNOWN_FIELD_RULE : K8S_TYPE_RULE;
        findings.push(finding(o, issue.path, { id: rule, severity: 'error', aliases: ['kubeconform'] }, `${o.kind} "${o.name}": ${issue.message}`));
      }
    }
  }
  const ctx = buildContext(objects);
  // kube-score/enable turns an optional check on for one object: run those checks when some object asks.
  const enableAnnotations = opts.kubeScoreAnnotations?.enable !== false && objects.some((o) => annotationSets(o).some((a) => KUBE_SCORE_ENABLE in a));
  for (const check of kubernetesChecks) {
    const enabled = !check.optional || opts.enable?.has(check.id) === true;
    if (!enabled && !(enableAnnotations && check.aliases.some((a) => a.startsWith('kube-score:')))) continue;
    for (const issue of check.check(ctx, opts)) {
      if (!enabled && !annotationLists(issue.object, issue.path, KUBE_SCORE_ENABLE).some((t) => check.aliases.includes(`kube-score:${t}`))) continue;
      if (ignoredBy(issue.object, check, issue.path, opts)) continue;
      findings.push(finding(issue.object, issue.path, check, issue.message, issue.severity, issue.aliases));
    }
  }
  return findings;
}

function finding(o: K8sObject, path: readonly (string | number)[], rule: Pick<K8sCheck, 'id' | 'severity' | 'aliases'>, message: string, severity?: Severity, aliases?: readonly string[]): Finding {
  const pos = o.doc.keyPosition([...o.base, ...path]);
  return { rule: rule.id, severity: severity ?? rule.severity, message, file: o.file, line: pos.line, column: pos.column, aliases: [...(aliases ?? rule.aliases)] };
}

const KUBE_SCORE_IGNORE = 'kube-score/ignore';
const KUBE_SCORE_ENABLE = 'kube-score/enable';
/** kube-score's checks of pods (target "Pod"): for these it also reads the annotations of a workload's pod template. */
const KUBE_SCORE_POD_CHECKS = new Set([
  'container-resources', 'container-resource-requests-equal-limits', 'container-cpu-requests-equal-limits', 'container-memory-requests-equal-limits',
  'container-image-tag', 'container-image-pull-policy', 'container-ephemeral-storage-request-and-limit', 'container-ephemeral-storage-request-equals-limit',
  'container-ports-check', 'environment-variable-key-duplication', 'pod-networkpolicy', 'pod-probes', 'pod-probes-identical',
  'container-security-context-user-group-id', 'container-security-context-privileged', 'container-security-context-readonlyrootfilesystem',
  'container-seccomp-profile', 'pod-topology-spread-constraints',
]);
/** kube-score: ignoring one check implies ignoring these too. */
const KUBE_SCORE_IMPLIED: Readonly<Record<string, readonly string[]>> = { 'container-resources': ['container-ephemeral-storage-request-and-limit'] };

/** The object's annotations, then its pod template's (a workload's `spec.template.metadata.annotations`). */
function annotationSets(o: K8sObject): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const own = o.value.metadata?.annotations;
  if (isRecord(own)) out.push(own);
  const pod = o.kind === 'Pod' ? undefined : podTemplateOf(o);
  if (pod) out.push(pod.annotations);
  return out;
}

/**
 * The comma-separated entries of annotation `key` that apply at `path`: the object's own, and its pod template's
 * when the path lies inside the template. kube-score reads the template's for its pod checks only: for its keys,
 * template entries naming other checks are dropped.
 */
function annotationLists(o: K8sObject, path: readonly (string | number)[] | undefined, key: string): string[] {
  const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const own = o.value.metadata?.annotations;
  const out = isRecord(own) ? list(own[key]) : [];
  const pod = o.kind === 'Pod' ? undefined : podTemplateOf(o);
  if (pod && path) {
    const templatePath = pod.specPath.slice(0, -1);
    if (templatePath.every((step, i) => path[i] === step)) {
      const entries = list(pod.annotations[key]);
      out.push(...(key.startsWith('kube-score/') ? entries.filter((t) => KUBE_SCORE_POD_CHECKS.has(t)) : entries));
    }
  }
  return out;
}

/**
 * Whether the object's annotations silence this check: ours (`docker-expert.io/ignore: ID,ID` or `all`), and the
 * upstream tools' own, matched through the check's aliases: `kube-score/ignore: test-a,test-b` (also on the pod
 * template, for findings inside it, and with kube-score's implications: `container-resources` covers
 * `container-ephemeral-storage-request-and-limit`), `polaris.fairwinds.com/exempt: "true"` or
 * `polaris.fairwinds.com/<check>-exempt: "true"`, `checkov.io/skip<N>: CKV_K8S_20=reason`.
 */
export function ignoredBy(o: K8sObject, check: Pick<K8sCheck, 'id' | 'aliases'>, path?: readonly (string | number)[], opts: K8sOptions = {}): boolean {
  const ours = annotationLists(o, path, IGNORE_ANNOTATION);
  if (ours.includes(check.id) || ours.includes('all')) return true;
  const has = (alias: string) => check.aliases.includes(alias);
  if (opts.kubeScoreAnnotations?.ignore !== false) {
    const tests = annotationLists(o, path, KUBE_SCORE_IGNORE).flatMap((t) => [t, ...(KUBE_SCORE_IMPLIED[t] ?? [])]);
    if (tests.some((t) => has(`kube-score:${t}`))) return true;
  }
  const annotations = o.value.metadata?.annotations;
  if (!isRecord(annotations)) return false;
  if (String(annotations['polaris.fairwinds.com/exempt']) === 'true' && check.aliases.some((a) => a.startsWith('polaris:'))) return true;
  for (const [key, value] of Object.entries(annotations)) {
    const polaris = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key);
    if (polaris && String(value) === 'true' && has(`polaris:${polaris[1]}`)) return true;
    if (/^checkov\.io\/skip\d*$/.test(key) && has(String(value).split('=')[0].trim())) return true;
  }
  return false;
}

/** Every Kubernetes rule: parse/validation rules, then the checks. */
export function kubernetesRuleInfo(): RuleInfo[] {
  return [
    ...kubernetesBaseRules,
    ...kubernetesChecks.map((c) => ({ id: c.id, severity: c.severity, title: c.title, aliases: c.aliases, helpUri: c.helpUri, optional: c.optional })),
  ];
}
