/** Runtime permission modes (CONTRACT `--permission-mode`). */
export type PermissionMode = 'default' | 'plan' | 'acceptEdits' | 'bypassPermissions';

/**
 * What the gate reads of an agent definition: agent/definition's AgentDefinition has these fields, and the gate names
 * only them, so this layer imports nothing from the agent layer above it.
 */
export interface GatedDefinition {
  name: string;
  /** The file it came from, named in warnings and errors. */
  file: string;
  /** undefined = every tool; entries such as `Bash(docker:*)` as written (`raw`), split into tool and specifier. */
  tools?: readonly { tool: string; specifier?: string; raw: string }[];
  disallowedTools: readonly { raw: string }[];
  permissionMode?: 'default' | 'acceptEdits' | 'auto' | 'dontAsk' | 'bypassPermissions' | 'plan' | 'manual';
}

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
/** `cancel`: the person cancelled the whole turn (Ctrl-C) instead of answering; the call is not run and the model hears so. */
export type Approver = (req: PermissionRequest, decision: PermissionDecision) => Promise<'allow' | 'deny' | 'always' | 'cancel'>;

/** What the model is told about a call whose approval question was cut short by cancelling the turn. */
export const CANCELLED_BY_USER = 'the user cancelled this turn (Ctrl-C) instead of answering';

export interface PermissionGate {
  check(req: PermissionRequest): Promise<PermissionDecision>;
}
