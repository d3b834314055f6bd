// The Bash tool's size limits, apart from the planner so that naming them loads no parser code.

/** Longest command accepted; longer ones are denied, never truncated. */
export const MAX_COMMAND_CHARS = 10_000;
/** Most simple commands in one Bash call; more are denied (past 50 Claude Code stopped checking). */
export const MAX_SUBCOMMANDS = 50;

export interface PlanLimits {
  maxCommandChars: number;
  maxSubcommands: number;
}
