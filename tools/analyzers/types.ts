/** Severities in hadolint's order, most severe first. */
export const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'unknown';

export interface Finding {
  /** hadolint id where hadolint has the rule (`DL3006`), else ours (`DE...`, `KUBE-...`, `COMPOSE-...`). */
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Upstream equivalents: Trivy `KSV-…`/`DS-…`, kube-score, Checkov `CKV_…`, Polaris. */
  aliases: string[];
  /** True when `--fix` can repair it. */
  fixable?: boolean;
}
