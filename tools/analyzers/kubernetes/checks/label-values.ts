import { describe, getIn, isRecord } from '../model.js';
import type { K8sCheck, K8sIssue, K8sObject } from '../types.js';
import type { YamlPath } from '../../yaml-positions.js';

/** Label values: at most 63 characters, alphanumeric at both ends, `-`, `_`, `.` inside (or empty). */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** Label keys: an optional DNS-subdomain prefix and `/`, then a name like a value but not empty. */
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `prefix "${prefix}" is not a DNS subdomain`;
  if (name.length > 63 || !LABEL_NAME.test(name)) return `name "${name}" must be 1-63 characters, alphanumeric at both ends`;
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `value is ${value.length} characters (at most 63)`;
  if (!LABEL_VALUE.test(value)) return `value "${value}" may hold only letters, digits, - _ . and must start and end with one of the first two`;
  return undefined;
}

function checkLabels(o: K8sObject, labels: unknown, path: YamlPath, out: K8sIssue[]): void {
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) out.push({ object: o, path: [...path, key], message: `${describe(o)} label ${key}: ${keyProblem}` });
    if (typeof value === 'string') {
      const valueProblem = labelValueProblem(value);
      if (valueProblem) out.push({ object: o, path: [...path, key], message: `${describe(o)} label ${key}: ${valueProblem}` });
    }
  }
}

export const check: K8sCheck = {
  id: 'K8S-LABEL-VALUES',
  severity: 'error',
  title: 'Invalid label key or value (the API server rejects it)',
  aliases: ['kube-score:label-values'],
  helpUri: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) checkLabels(o, o.value.metadata?.labels, ['metadata', 'labels'], out);
    // Pod templates of workloads carry their own labels (a Pod's are its metadata.labels, seen above).
    for (const p of ctx.pods) {
      if (p.specPath.length < 2) continue;
      const path = [...p.specPath.slice(0, -1), 'metadata', 'labels'];
      checkLabels(p.object, getIn(p.object.value, path), path, out);
    }
    return out;
  },
};
