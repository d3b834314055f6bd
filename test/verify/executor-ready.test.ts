/**
 * A tool's `ready()` is awaited before its `isReadOnly` answer counts: the Bash tool classifies only once its parser
 * has loaded, so the first call of a fresh process is not mistaken for a change (and refused in the analyze step).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { executeToolCalls } from '../../agent/executor.js';
import { DEFAULT_OUTPUT_CAPS } from '../../agent/context/output-cap.js';
import type { Tool } from '../../tools/tool.js';

describe('executor', () => {
  it('waits for ready() before asking the gate whether the call is read-only', async () => {
    let loaded = false;
    const tool: Tool<{ x: string }> = {
      name: 'Probe',
      description: 'looks',
      inputSchema: z.object({ x: z.string() }),
      isReadOnly: () => loaded,
      isConcurrencySafe: () => loaded,
      ready: () => new Promise((resolve) => setTimeout(() => { loaded = true; resolve(); }, 30)),
      async call() { return { content: 'looked' }; },
    };
    const seen: boolean[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'de-exec-'));
    const out = await executeToolCalls([{ type: 'tool_use', id: 't1', name: 'Probe', input: { x: 'a' } }], {
      tools: new Map([['Probe', tool]]),
      // A read-only step's gate: only calls that change nothing pass.
      gate: { check: async (req) => { seen.push(req.readOnly); return req.readOnly ? { behavior: 'allow', reason: 'looks' } : { behavior: 'deny', reason: 'read-only step' }; } },
      toolContext: { cwd: dir, additionalDirs: [], signal: new AbortController().signal, sessionDir: dir, fileState: new Map() as any },
      caps: DEFAULT_OUTPUT_CAPS,
      outputDir: dir,
      emit: () => {},
    });
    expect(seen).toEqual([true]);
    expect(out.denials).toEqual([]);
  });
});
