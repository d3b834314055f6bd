/** Runtime permission modes (CONTRACT `--permission-mode`). */
export type PermissionMode = 'default' | 'plan' | 'acceptEdits' | 'bypassPermissions';

export interface PermissionRequest {
  toolName: string;
  toolUseId: string;
  /** The input after schema validation. */
  input: unknown;
  /** What the tool says about this input: true when it changes nothing. */
  readOnly: boolean;
}

export interface PermissionDecision {
  behavior: 'allow' | 'deny' | 'ask';
  /** Why, in words the model and the user can act on; for a denial, what rule or flag would allow it. */
  reason: string;
  /** The rule that decided, as written (`Bash(docker:*)`, `--deny Read(./secrets/**)`, ...). */
  rule?: string;
}

/** Answers `ask` decisions in interactive runs; absent in non-interactive runs, where `ask` becomes a denial. */
export type Approver = (req: PermissionRequest, decision: PermissionDecision) => Promise<'allow' | 'deny' | 'always'>;

export interface PermissionGate {
  check(req: PermissionRequest): Promise<PermissionDecision>;
}
