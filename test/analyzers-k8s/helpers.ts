import { stringify } from 'yaml';
import type { K8sOptions } from '../../tools/analyzers/kubernetes/index.js';

/** One case of a check's table: the manifests, and how many findings of that check they must give. */
export interface Case {
  name: string;
  yaml: string;
  /** Number of findings of the table's rule. */
  count: number;
  /** Where the first finding must point, when given. */
  at?: { line: number; column: number };
  /** Checks to enable (optional ones) and other options. */
  enable?: string[];
  trustedRegistries?: string[];
  /** Other analyzer options (target Kubernetes version, replica floors, kube-score annotations). */
  opts?: Omit<K8sOptions, 'enable' | 'trustedRegistries'>;
  /** The aliases every finding of the case must carry (checks narrow them per finding). */
  aliases?: string[];
}

export interface CaseTable {
  rule: string;
  cases: Case[];
}

type Obj = Record<string, unknown>;

export const bad = (name: string, yaml: string, count = 1, at?: Case['at']): Case => ({ name, yaml, count, at });
export const good = (name: string, yaml: string): Case => ({ name, yaml, count: 0 });
export const table = (rule: string, cases: Case[]): CaseTable => ({ rule, cases });

export const docs = (...objects: (Obj | string)[]): string => objects.map((o) => (typeof o === 'string' ? o : stringify(o))).join('---\n');

/** A container with a pinned image and nothing else. */
export const ctr = (extra: Obj = {}, name = 'app'): Obj => ({ name, image: 'registry.example.com/app:1.0', ...extra });

export const podObj = (spec: Obj, meta: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' }, ...meta }, spec });
export const pod = (spec: Obj, meta: Obj = {}): string => docs(podObj(spec, meta));

export const deploymentObj = (podSpec: Obj, spec: Obj = {}, meta: Obj = {}, kind = 'Deployment'): Obj => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'web', ...meta },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec }, ...spec },
});
export const deployment = (podSpec: Obj, spec: Obj = {}, meta: Obj = {}): string => docs(deploymentObj(podSpec, spec, meta));

/** A pod spec with one container. */
export const one = (container: Obj = {}, spec: Obj = {}): Obj => ({ containers: [ctr(container)], ...spec });

export const sc = (securityContext: Obj, extra: Obj = {}): Obj => one({ securityContext, ...extra });
