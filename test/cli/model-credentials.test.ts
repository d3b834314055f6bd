/** Issue 14.10: a Claude model without a key is a usage error at once (exit 2, naming ANTHROPIC_API_KEY), before anything starts. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/docker-expert.js');
const env = { ...process.env, ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '' };

describe('--model without credentials', () => {
  it.each([
    ['run', ['run', '--model', 'sonnet', 'review the Dockerfile']],
    ['run with a full id', ['run', '--model', 'claude-sonnet-5-5', 'review']],
    ['chat', ['chat', '--model', 'opus']],
  ])('%s: exit 2 at once, naming ANTHROPIC_API_KEY, writing nothing', async (_name, args) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-cred-'));
    cpSync(path.resolve('examples/node-api'), dir, { recursive: true });
    const started = Date.now();
    const r = await execa(process.execPath, [BIN, ...args, '--cwd', dir], { env, reject: false, input: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/needs ANTHROPIC_API_KEY \(or ANTHROPIC_AUTH_TOKEN\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('--model offline, or no --model, still runs the offline expert', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-cred-'));
    cpSync(path.resolve('examples/node-api'), dir, { recursive: true });
    for (const extra of [['--model', 'offline'], []]) {
      const r = await execa(process.execPath, [BIN, 'run', 'review the project', '--cwd', dir, '--no-verify', ...extra], { env, reject: false });
      expect(r.exitCode, r.stderr).toBe(0);
    }
  }, 60_000);

  it('batch: a task asking for a Claude model without a key stops the batch before any task runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-cred-batch-'));
    cpSync(path.resolve('examples/node-api'), path.join(dir, 'app'), { recursive: true });
    const file = path.join(dir, 'tasks.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'a', task: 'review', cwd: 'app' })}\n${JSON.stringify({ id: 'b', task: 'review', cwd: 'app', model: 'sonnet' })}\n`);
    const r = await execa(process.execPath, [BIN, 'batch', file], { env, reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/task b: model sonnet needs ANTHROPIC_API_KEY/);
    expect(r.stdout).toBe('');
  }, 30_000);
});
