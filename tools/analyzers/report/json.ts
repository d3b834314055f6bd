import type { CheckReport } from '../index.js';

/** The CONTRACT.md check document. */
export function formatJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
