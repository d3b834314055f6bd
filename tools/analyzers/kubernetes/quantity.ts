import { getIn } from './model.js';
import type { Json } from './types.js';

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * A Kubernetes resource quantity (`500m`, `1Gi`, `2`, `1e3`) as a number, or undefined when it does not parse.
 * Exact enough to compare requests with limits: `1` equals `1000m`, `1Gi` equals `1024Mi`.
 */
export function parseQuantity(v: Json): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(v.trim());
  if (!m) return undefined;
  const base = Number(m[1] + (m[2] ?? ''));
  return base * SUFFIX[m[3] ?? ''];
}

/** The container's `resources.<which>.<resource>` as a number; 0 when unset (kube-score's and Kubernetes' zero value). */
export function quantityOf(container: Json, which: 'limits' | 'requests', resource: string): number {
  return parseQuantity(getIn(container, ['resources', which, resource])) ?? 0;
}

/** Whether `resources.<which>.<resource>` is set to a non-zero quantity (an unparsable one counts as set). */
export function hasQuantity(container: Json, which: 'limits' | 'requests', resource: string): boolean {
  const v = getIn(container, ['resources', which, resource]);
  if (v === undefined || v === null) return false;
  const n = parseQuantity(v);
  return n === undefined || n !== 0;
}

/** Whether two quantities are the same amount (`1` and `1000m`), with room for floating-point rounding. */
export function sameQuantity(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
