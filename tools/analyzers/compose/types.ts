import type { Severity } from '../types.js';
import type { YamlPath } from '../yaml-positions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ComposeService {
  name: string;
  value: Record<string, Json>;
  /** `['services', name]`. */
  path: YamlPath;
}

export interface ComposeContext {
  file: string;
  /** The whole file as plain data. */
  root: Record<string, Json>;
  services: ComposeService[];
}

export interface ComposeIssue {
  /** Path from the file's root; the finding points at the deepest part that exists. */
  path: YamlPath;
  message: string;
  severity?: Severity;
}

export interface ComposeCheck {
  id: string;
  severity: Severity;
  title: string;
  /** Upstream equivalents: KICS query names (`kics:privileged_containers_enabled`), Checkov, Trivy. */
  aliases: string[];
  helpUri?: string;
  check(ctx: ComposeContext): ComposeIssue[];
}
