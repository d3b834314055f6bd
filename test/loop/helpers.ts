/** Shared pieces of the loop tests: a definition, gates, and small tools whose behaviour the tests observe. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { AgentDefinition, ToolRule } from '../../agent/definition/types.js';
import type { AgentEvent } from '../../agent/events.js';
import type { PermissionDecision, PermissionGate, PermissionRequest } from '../../permissions/types.js';
import { runAgent, type RunAgentOptions } from '../../agent/run.js';
import type { Tool } from '../../tools/tool.js';

export function rules(...raw: string[]): ToolRule[] {
  return raw.map((r) => {
    const m = /^([^(]+)(?:\((.*)\))?$/.exec(r) as RegExpExecArray;
    return { tool: m[1], specifier: m[2], raw: r };
  });
}

export function definition(overrides: Partial<AgentDefinition> = {}): AgentDefinition {
  return {
    name: 'tester',
    description: 'a test agent',
    tools: rules('Probe', 'Slow', 'Bash'),
    disallowedTools: [],
    model: 'sonnet',
    body: '# Tester\n\nYou test the loop.',
    routing: { handsOffTo: ['terminal'] },
    file: '/virtual/tester.md',
    extra: {},
    warnings: [],
    ...overrides,
  };
}

export const allowAll: PermissionGate = { check: async () => ({ behavior: 'allow', reason: 'test gate allows everything' }) };

export function gateBy(decide: (req: PermissionRequest) => PermissionDecision): PermissionGate {
  return { check: async (req) => decide(req) };
}

export interface CallLog {
  name: string;
  input: unknown;
  start: number;
  end: number;
}

/** A tool that records each call, waits `delayMs` and answers `output` (or echoes its input). */
export function probeTool(name: string, log: CallLog[], opts: { safe: boolean; delayMs?: number; output?: (input: any) => string; endsRun?: boolean }): Tool<{ value: string }> {
  return {
    name,
    description: `${name}: records the call`,
    inputSchema: z.object({ value: z.string().describe('anything') }),
    isReadOnly: () => opts.safe,
    isConcurrencySafe: () => opts.safe,
    async call(input) {
      const start = performance.now();
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      log.push({ name, input, start, end: performance.now() });
      return { content: opts.output ? opts.output(input) : `${name} got ${input.value}`, endsRun: opts.endsRun };
    },
  };
}

export function tempProject(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'de-loop-'));
}

/** runAgent against the scripted server with fast retry settings; collects the events. */
export async function run(url: string, options: Partial<RunAgentOptions> & Pick<RunAgentOptions, 'tools'>) {
  const events: AgentEvent[] = [];
  const handle = runAgent({
    agent: definition(),
    task: 'test task',
    cwd: tempProject(),
    gate: allowAll,
    env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: url },
    retryBaseMs: 1,
    onEvent: (e) => events.push(e),
    ...options,
  });
  const result = await handle.result;
  return { result, events };
}
