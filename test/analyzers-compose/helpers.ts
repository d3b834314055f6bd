import { stringify } from 'yaml';

export interface Case {
  name: string;
  yaml: string;
  count: number;
  at?: { line: number; column: number };
  /** Expected severity of the first finding, when it differs from the check's default. */
  severity?: string;
}

export interface CaseTable {
  rule: string;
  cases: Case[];
}

type Obj = Record<string, unknown>;

export const bad = (name: string, yaml: string, count = 1, extra: Partial<Case> = {}): Case => ({ name, yaml, count, ...extra });
export const good = (name: string, yaml: string): Case => ({ name, yaml, count: 0 });
export const table = (rule: string, cases: Case[]): CaseTable => ({ rule, cases });

/** A Compose file with the given services (and top-level extras). */
export const compose = (services: Record<string, Obj>, top: Obj = {}): string => stringify({ ...top, services });
/** One service named `app` with a pinned image plus `extra`. */
export const svc = (extra: Obj = {}): string => compose({ app: { image: 'registry.example.com/app:1.0', ...extra } });
