export { DefinitionError } from './errors.js';
export { findAgent, loadAgents, agentSources, type LoadOptions, type LoadResult, type LoadedAgent } from './load.js';
export { parseDefinition } from './parse.js';
export { TERMINAL } from './routing.js';
export type { AgentDefinition, ToolRule, Routing } from './types.js';
