import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDefinition } from '../../agent/definition/index.js';
import type { AgentDefinition } from '../../agent/definition/index.js';
import { createPermissionGate } from '../../permissions/index.js';
import type { PermissionGateOptions } from '../../permissions/index.js';
import type { PermissionDecision, PermissionGate } from '../../permissions/types.js';
import { bashTool } from '../../tools/bash/index.js';
import type { BashInput } from '../../tools/bash/index.js';
import type { Tool, ToolContext, ToolResult } from '../../tools/tool.js';
import type { Fixture } from './fixture.js';

/** The flagship definition as shipped: Bash(docker:*), Bash(kubectl:*), Bash(podman:*) among its tools. */
export function seedDefinition(): AgentDefinition {
  const file = path.resolve('.claude/agents/docker-expert.md');
  return parseDefinition(file, readFileSync(file));
}

/** A definition whose Bash is unrestricted (no `Bash(...)` allowlist): every defence behind the allowlist is reached. */
export function freeDefinition(): AgentDefinition {
  return parseDefinition('/defs/free.md', Buffer.from('---\nname: free\ndescription: an agent with unrestricted Bash\ntools: Read, Write, Edit, Bash\n---\nbody\n'));
}

export function toolContext(fx: Fixture): ToolContext {
  const seen = new Map<string, { mtimeMs: number; size: number }>();
  return {
    cwd: fx.proj,
    additionalDirs: [],
    signal: new AbortController().signal,
    sessionDir: fx.root,
    fileState: { get: (p) => seen.get(p), set: (p, s) => void seen.set(p, s) },
  };
}

const gates = new Map<string, PermissionGate>();
const tools = new Map<string, Tool<BashInput>>();

/** The gate's decision on a Bash call, as the runtime's executor asks it; nothing is run. */
export async function judgeBash(fx: Fixture, command: string, gateOptions: Partial<PermissionGateOptions> = {}): Promise<PermissionDecision> {
  return (await prepare(fx, command, gateOptions)).decision;
}

/**
 * What the runtime's executor does with a Bash call: ask the gate, run the tool only when allowed.
 * Returns the decision and, when it ran, the tool result.
 */
export async function executeBash(
  fx: Fixture,
  command: string,
  gateOptions: Partial<PermissionGateOptions> = {},
  /** A log of its own for this call, so calls can run side by side. */
  logFile?: string,
): Promise<{ decision: PermissionDecision; result?: ToolResult }> {
  const { decision, tool, input } = await prepare(fx, command, gateOptions, logFile);
  if (decision.behavior !== 'allow') return { decision };
  return { decision, result: await tool.call(input, toolContext(fx)) };
}

async function prepare(fx: Fixture, command: string, gateOptions: Partial<PermissionGateOptions>, logFile?: string) {
  const key = `${fx.root}\0${JSON.stringify(gateOptions)}`;
  let gate = gates.get(key);
  if (!gate) {
    gate = createPermissionGate({ definition: seedDefinition(), cwd: fx.proj, home: fx.home, ...gateOptions });
    gates.set(key, gate);
  }
  let tool = logFile ? undefined : tools.get(fx.root);
  if (!tool) {
    tool = bashTool({ env: logFile ? { ...fx.env, SHIM_LOG: logFile } : fx.env, home: fx.home, cwd: fx.proj });
    if (!logFile) tools.set(fx.root, tool);
  }
  const input = tool.inputSchema.parse({ command });
  const decision = await gate.check({ toolName: 'Bash', toolUseId: 'toolu_test', input, readOnly: tool.isReadOnly(input) });
  return { decision, tool, input };
}
