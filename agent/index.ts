/** The library API of docker-expert. */
export * from './definition/index.js';
export { runAgent, type RunAgentOptions, type RunHandle, type ToolSource, type RunHooks } from './run.js';
export { startRun, followHandoffs, offlineByDefault, type StartOptions, type StartedRun, type ChainResult } from './start.js';
export type { AgentEvent, ResultObject } from './events.js';
export { resolveModel, MODEL_ALIASES } from './models/aliases.js';
export type { ModelProvider } from './models/types.js';
export { createPermissionGate } from '../permissions/index.js';
export type { PermissionGate, PermissionDecision, PermissionMode, PermissionRequest, Approver } from '../permissions/types.js';
export type { Tool, ToolContext, ToolResult } from '../tools/tool.js';
export type { Handoff, StepRecord } from '../handoffs/schemas.js';
