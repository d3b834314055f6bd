import model from './k8s-types.json' with { type: 'json' };
import { closestName } from './suggest.js';
import type { SchemaIssue } from './types.js';
import type { YamlPath } from '../yaml-positions.js';

type Fields = Record<string, string>;
const TYPES = model.types as Record<string, Fields>;
const KINDS = model.kinds as Record<string, string>;

/** Where the field structure comes from (see generate-k8s-types.mjs). */
export const KUBERNETES_SCHEMA_SOURCE: string = model.source;

/** Whether `apiVersion`/`kind` has a schema here (the common built-in kinds; not CRDs). */
export function hasKubernetesSchema(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in KINDS;
}

/** Unknown fields and wrong scalar types in one object; `undefined` when its kind has no schema here. */
export function validateKubernetesObject(value: unknown, apiVersion: string, kind: string): SchemaIssue[] | undefined {
  const root = KINDS[`${apiVersion}/${kind}`];
  if (!root) return undefined;
  const issues: SchemaIssue[] = [];
  checkValue(value, root, [], issues);
  return issues;
}

function describeType(type: string): string {
  if (type.startsWith('[]')) return `a list of ${describeType(type.slice(2))}`;
  if (type.startsWith('{}')) return `a map of ${describeType(type.slice(2))}`;
  if (type === 'int-or-string') return 'an integer or a string';
  if (type === 'quantity') return 'a quantity (like 500m or 1Gi)';
  if (type === 'integer' || type === 'string' || type === 'boolean' || type === 'number') return `${type === 'integer' ? 'an' : 'a'} ${type}`;
  return `an object (${type.replace(/^V\d+(beta\d+|alpha\d+)?/, '')})`;
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

function checkValue(v: unknown, type: string, path: YamlPath, issues: SchemaIssue[]): void {
  // null is "unset" for the API server's JSON decoding.
  if (v === null || v === undefined || type === 'any') return;
  const bad = (): void => {
    issues.push({ path, problem: 'type', message: `${path.join('.') || '(root)'} must be ${describeType(type)}, not ${typeName(v)}` });
  };
  if (type.startsWith('[]')) {
    if (!Array.isArray(v)) return bad();
    v.forEach((item, i) => checkValue(item, type.slice(2), [...path, i], issues));
    return;
  }
  if (type.startsWith('{}')) {
    if (typeof v !== 'object' || Array.isArray(v)) return bad();
    for (const [k, item] of Object.entries(v)) checkValue(item, type.slice(2), [...path, k], issues);
    return;
  }
  switch (type) {
    case 'string':
      return void (typeof v !== 'string' && bad());
    case 'boolean':
      return void (typeof v !== 'boolean' && bad());
    case 'integer':
      return void (!(typeof v === 'number' && Number.isInteger(v)) && bad());
    case 'number':
      return void (typeof v !== 'number' && bad());
    case 'int-or-string':
      return void (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v))) && bad());
    case 'quantity':
      return void (typeof v !== 'string' && typeof v !== 'number' && bad());
  }
  const fields = TYPES[type];
  if (!fields) return; // a type the generator did not keep: accept
  if (typeof v !== 'object' || Array.isArray(v)) return bad();
  for (const [k, item] of Object.entries(v)) {
    const fieldType = fields[k];
    if (fieldType === undefined) {
      const hint = closestName(k, Object.keys(fields));
      const where = path.length ? path.join('.') : 'the object';
      issues.push({ path: [...path, k], problem: 'unknown-field', message: `unknown field "${k}" in ${where}${hint ? ` (did you mean "${hint}"?)` : ''}` });
      continue;
    }
    checkValue(item, fieldType, [...path, k], issues);
  }
}
