/** A tool entry of a definition's `tools` / `disallowedTools`, e.g. `Bash(docker:*)` -> {tool: 'Bash', specifier: 'docker:*'}. */
export interface ToolRule {
  /** Canonical tool name (`Agent` is folded into `Task`), or an MCP name such as `mcp__Ref__*`. */
  tool: string;
  /** The text inside the parentheses, if any. */
  specifier?: string;
  /** The entry as written. */
  raw: string;
}

/** The routing lines of a description: `ALWAYS use when`, `NEVER use when`, `Runs AFTER`, `Hands off to`. */
export interface Routing {
  alwaysUseWhen?: string;
  neverUseWhen?: string;
  runsAfter?: string;
  /** Handoff targets; `terminal` means end of chain (the report goes back to the caller). */
  handsOffTo: string[];
}

export type DefinitionPermissionMode =
  | 'default'
  | 'acceptEdits'
  | 'auto'
  | 'dontAsk'
  | 'bypassPermissions'
  | 'plan'
  | 'manual';

export interface AgentDefinition {
  name: string;
  description: string;
  /** undefined = the field was omitted: every tool. */
  tools?: ToolRule[];
  disallowedTools: ToolRule[];
  model?: string;
  permissionMode?: DefinitionPermissionMode;
  maxTurns?: number;
  mcpServers?: unknown[];
  skills?: string[];
  hooks?: Record<string, unknown>;
  memory?: 'user' | 'project' | 'local';
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  background?: boolean;
  isolation?: 'worktree';
  initialPrompt?: string;
  color?: string;
  /** The markdown body: the agent's system prompt. */
  body: string;
  routing: Routing;
  /** Absolute path of the file it came from. */
  file: string;
  /** Frontmatter fields Claude Code does not define, kept as written. */
  extra: Record<string, unknown>;
  /** Non-fatal problems (unknown fields, ...), each naming the file and line. */
  warnings: string[];
}
