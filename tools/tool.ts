import type { z } from 'zod';

/** What a tool returns to the model. */
export interface ToolResult {
  content: string;
  isError?: boolean;
  /** Absolute paths this call created or changed (the workflow records them as artifacts). */
  changedFiles?: string[];
  /** Set by a tool whose success ends the run (the workflow's accepted Handoff): the loop stops after this turn's results. */
  endsRun?: boolean;
  /** Model usage spent inside the call (a Task sub-agent's), rolled up into the run's totals. */
  usage?: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };
  costUsd?: number;
  /** A command's exit code (Bash), for the tool_end event and telemetry. */
  exitCode?: number;
}

/** Tracks what the session has read, so Edit can refuse a file not read or changed since. */
export interface FileReadState {
  get(absPath: string): { mtimeMs: number; size: number } | undefined;
  set(absPath: string, stat: { mtimeMs: number; size: number }): void;
}

export interface ToolContext {
  /** Canonical project root (`--cwd`). */
  cwd: string;
  /** Further canonical roots the file tools may use. */
  additionalDirs: string[];
  signal: AbortSignal;
  /** Session folder: whole outputs that were cut for the model are kept here. */
  sessionDir: string;
  fileState: FileReadState;
  /** The id of the call being run (set per call by the executor): a Task sub-agent's trace hangs under it. */
  toolUseId?: string;
}

export interface Tool<I = any> {
  /** The name the model sees (Claude Code's). */
  name: string;
  description: string;
  inputSchema: z.ZodType<I>;
  /**
   * The JSON schema to show the model instead of one derived from `inputSchema`: MCP tools pass their
   * server's schema through unchanged (their `inputSchema` then only checks that the input is an object).
   */
  jsonSchema?: Record<string, unknown>;
  /** True when this call changes nothing (decides plan mode and the read-only workflow step). */
  isReadOnly(input: I): boolean;
  /**
   * Loads what `isReadOnly` needs (the Bash parser), awaited before the first classification: without it a call made
   * before the load finished would be judged as changing things (and refused in plan mode or the analyze step).
   */
  ready?(): Promise<void>;
  /** True when this call may run in parallel with other such calls. */
  isConcurrencySafe(input: I): boolean;
  call(input: I, ctx: ToolContext): Promise<ToolResult>;
}
