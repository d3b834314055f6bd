#!/usr/bin/env node
// Regenerates k8s-types.json from the OpenAPI-generated models of @kubernetes/client-node
// (each model class carries `attributeTypeMap`: field name -> type). The package is not a
// dependency: install it somewhere else and point this script at it, e.g.
//   npm install --prefix /tmp/k8s-models --ignore-scripts @kubernetes/client-node@1.4.0
//   node tools/analyzers/schema/generate-k8s-types.mjs /tmp/k8s-models/node_modules/@kubernetes/client-node
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** apiVersion/kind -> root model. Other kinds (CRDs, deprecated groups) are not schema-checked. */
const ROOTS = {
  'v1/Pod': 'V1Pod',
  'v1/Service': 'V1Service',
  'v1/ConfigMap': 'V1ConfigMap',
  'v1/Secret': 'V1Secret',
  'v1/ServiceAccount': 'V1ServiceAccount',
  'v1/Namespace': 'V1Namespace',
  'v1/PersistentVolumeClaim': 'V1PersistentVolumeClaim',
  'v1/PersistentVolume': 'V1PersistentVolume',
  'v1/ReplicationController': 'V1ReplicationController',
  'v1/LimitRange': 'V1LimitRange',
  'v1/ResourceQuota': 'V1ResourceQuota',
  'apps/v1/Deployment': 'V1Deployment',
  'apps/v1/StatefulSet': 'V1StatefulSet',
  'apps/v1/DaemonSet': 'V1DaemonSet',
  'apps/v1/ReplicaSet': 'V1ReplicaSet',
  'batch/v1/Job': 'V1Job',
  'batch/v1/CronJob': 'V1CronJob',
  'networking.k8s.io/v1/Ingress': 'V1Ingress',
  'networking.k8s.io/v1/IngressClass': 'V1IngressClass',
  'networking.k8s.io/v1/NetworkPolicy': 'V1NetworkPolicy',
  'policy/v1/PodDisruptionBudget': 'V1PodDisruptionBudget',
  'autoscaling/v1/HorizontalPodAutoscaler': 'V1HorizontalPodAutoscaler',
  'autoscaling/v2/HorizontalPodAutoscaler': 'V2HorizontalPodAutoscaler',
  'rbac.authorization.k8s.io/v1/Role': 'V1Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'V1ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'V1RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'V1ClusterRoleBinding',
};

/** String-typed maps and fields that hold resource quantities, which YAML may write as numbers. */
const QUANTITY_FIELDS = new Set(['limits', 'requests', 'capacity', 'hard', 'sizeLimit', 'default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio']);
/** Quantity fields whose names are too common to match everywhere: `Model.field`. */
const QUANTITY_MODEL_FIELDS = new Set([
  'V2MetricTarget.value', 'V2MetricTarget.averageValue', 'V2MetricValueStatus.value', 'V2MetricValueStatus.averageValue',
]);

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: generate-k8s-types.mjs <path to @kubernetes/client-node>');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const modelsDir = path.join(pkgDir, 'dist/gen/models');
const byName = new Map();
for (const f of fs.readdirSync(modelsDir)) {
  if (!f.endsWith('.js')) continue;
  const mod = await import(path.join(modelsDir, f));
  for (const [name, value] of Object.entries(mod)) if (value && Array.isArray(value.attributeTypeMap)) byName.set(name, value.attributeTypeMap);
}

function simplify(type, field, model) {
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return `[]${simplify(arr[1], field, model)}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return `{}${simplify(map[1], field, model)}`;
  if (type === 'string' && (QUANTITY_FIELDS.has(field) || QUANTITY_MODEL_FIELDS.has(`${model}.${field}`))) return 'quantity';
  if (type === 'Date') return 'string';
  if (type === 'IntOrString') return 'int-or-string';
  return type;
}

const types = {};
const queue = Object.values(ROOTS);
while (queue.length) {
  const name = queue.shift();
  if (types[name]) continue;
  const attrs = byName.get(name);
  if (!attrs) throw new Error(`model ${name} not found in ${modelsDir}`);
  const fields = {};
  for (const a of attrs) {
    const t = simplify(a.type, a.baseName, name);
    const format = a.format === 'int32' || a.format === 'int64' ? 'integer' : null;
    const leaf = t.replace(/^(\[\]|\{\})+/, '');
    fields[a.baseName] = format && leaf === 'number' ? t.replace(/number$/, 'integer') : t;
    if (byName.has(leaf) && !types[leaf]) queue.push(leaf);
  }
  types[name] = fields;
}

const out = { source: `@kubernetes/client-node ${pkg.version} (generated models)`, kinds: ROOTS, types };
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'k8s-types.json');
fs.writeFileSync(target, JSON.stringify(out) + '\n');
console.log(`wrote ${target}: ${Object.keys(types).length} types`);
