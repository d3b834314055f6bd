/**
 * The V8 flags the CLI sets for itself (bin/v8-flags.js): which command gets which, and what the marking triggers do
 * in a real 30-turn `run` on Node 20 (issue 16, CPU per further turn): no mark-compact, where V8's own schedule (the
 * control, the same flags set to V8's defaults on node's command line, which the CLI leaves alone) collects once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/docker-expert.js');
const RECORD_GC = pathToFileURL(path.join(ROOT, 'test/support/record-gc.mjs')).href;
const { v8FlagsFor } = (await import(pathToFileURL(path.join(ROOT, 'bin/v8-flags.js')).href)) as {
  v8FlagsFor: (command: string | undefined, v8Version: string, execArgv?: readonly string[]) => string[];
};

const TRIGGERS = ['--incremental-marking-soft-trigger=95', '--incremental-marking-hard-trigger=100'];
const BUDGET = `--interrupt-budget=${4 * 66 * 1024}`;

describe('v8FlagsFor', () => {
  it.each([
    ['run', '11.3.244.8-node.33', [BUDGET, ...TRIGGERS]],
    ['chat', '11.3.244.8-node.33', [BUDGET, ...TRIGGERS]],
    [undefined, '11.3.244.8-node.33', [BUDGET, ...TRIGGERS]],
    ['hook', '11.3.244.8-node.33', [BUDGET]],
    ['serve', '11.3.244.8-node.33', [BUDGET]],
    ['check', '13.6.233.17-node.44', []],
    ['run', '12.4.254.21-node.33', []],
    ['worker', '13.6.233.17-node.44', []],
    ['mcp', '13.6.233.17-node.44', []],
  ])('%s on V8 %s', (command, v8, expected) => {
    expect(v8FlagsFor(command, v8)).toEqual(expected);
  });

  it('leaves a flag given on node\'s command line as it was given (with or without a value)', () => {
    expect(v8FlagsFor('run', '11.3.244.8-node.33', ['--incremental-marking-soft-trigger=0', '--interrupt-budget', '1000'])).toEqual(['--incremental-marking-hard-trigger=100']);
    // A flag that only begins like one of ours is another flag.
    expect(v8FlagsFor('run', '11.3.244.8-node.33', ['--incremental-marking-soft-trigger-x=1'])).toEqual([BUDGET, ...TRIGGERS]);
  });
});

describe('the marking triggers in a real run', () => {
  let server: ScriptedServer | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const TURNS = 30;
  /** The collections of one 30-turn Read session (29 Read turns and the finish), run with `nodeArgs`. */
  async function collectionsOfLongRun(nodeArgs: string[]): Promise<string[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'de-v8flags-'));
    dirs.push(dir);
    const files = Array.from({ length: TURNS - 1 }, (_, i) => {
      const f = path.join(dir, `Dockerfile.${i}`);
      writeFileSync(f, `FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"] # ${i}\n`);
      return f;
    });
    const finish = toolTurn([
      ...['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` })),
      toolUse('Handoff', { to: 'terminal', summary: 'Read them all.' }),
    ]);
    server = await startScriptedServer([...files.map((f) => toolTurn([toolUse('Read', { file_path: f })])), finish]);
    const record = path.join(dir, 'gc.txt');
    const res = await execa(process.execPath, [...nodeArgs, '--import', RECORD_GC, BIN, 'run', '--strict-mcp-config', '--output-format', 'json', '--cwd', dir, 'Review the Dockerfiles'], {
      env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url, RECORD_GC_FILE: record },
      extendEnv: true,
      reject: false,
      stdin: 'ignore',
    });
    expect(res.exitCode, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).num_turns).toBe(TURNS);
    return readFileSync(record, 'utf8').split('\n').filter(Boolean);
  }

  // The triggers are set on V8 11 (Node 20) only.
  it.runIf(process.versions.v8.startsWith('11.'))('a 30-turn run makes no mark-compact; with V8\'s own triggers (the control) the same run makes one', async () => {
    const ours = await collectionsOfLongRun([]);
    const defaults = await collectionsOfLongRun(['--incremental-marking-soft-trigger=0', '--incremental-marking-hard-trigger=0']);
    // Both recorded collections (the record works): scavenges at least.
    expect(ours.some((c) => c.startsWith('minor'))).toBe(true);
    expect(defaults.filter((c) => c.startsWith('major')).length, defaults.join('\n')).toBeGreaterThanOrEqual(1);
    expect(ours.filter((c) => c.startsWith('major')), ours.join('\n')).toEqual([]);
  }, 60_000);
});
