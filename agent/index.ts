/** The library API of docker-expert. */
export * from './definition/index.js';
export type { PermissionGate, PermissionDecision, PermissionMode, PermissionRequest, Approver } from './permissions/types.js';
export type { Tool, ToolContext, ToolResult } from '../tools/tool.js';
