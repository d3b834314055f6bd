import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { readTasksFile, TasksFileError } from '../../cli/batch/tasks-file.js';

const BIN = path.resolve('bin/docker-expert.js');
const env = { ...process.env, ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '' };

function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'de-batch-'));
  for (const ex of ['node-api', 'python-web', 'poor-dockerfile']) cpSync(path.resolve('examples', ex), path.join(dir, ex), { recursive: true });
  return dir;
}

describe('batch', () => {
  it('runs tasks concurrently, writes results in input order, survives a failing task, and resumes', async () => {
    const dir = workspace();
    const lines = [
      { id: 'a', task: 'review the Dockerfile', cwd: 'poor-dockerfile' },
      { id: 'b', task: 'containerize this app', cwd: 'node-api' },
      { id: 'c', task: 'review', cwd: 'node-api', agent: 'no-such-agent' },
      { id: 'd', task: 'containerize this app', cwd: 'python-web', permissionMode: 'plan' },
    ];
    const file = path.join(dir, 'tasks.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = path.join(dir, 'results.jsonl');
    const r = await execa(process.execPath, [BIN, 'batch', file, '--concurrency', '3', '--out', out], { env, reject: false });
    expect(r.exitCode).toBe(1);
    const results = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    // d: containerize in plan mode writes no Dockerfile, and a containerize task without one is a failure.
    expect(results.map((x) => x.subtype)).toEqual(['success', 'success', 'error_during_execution', 'error_during_execution']);
    expect(results[2].result).toMatch(/line 3.*could not start/);
    expect(results[3].result).toMatch(/Could not write Dockerfile/);
    expect(results[0].handoff.findings.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/2 succeeded, 2 failed/);

    // resume: drop c's result and tear the last line; only c and d run again, and the torn line is cut off first
    const kept = readFileSync(out, 'utf8').trim().split('\n').slice(0, 2).join('\n') + '\n{"id":"d","type":"res';
    writeFileSync(out, kept);
    const again = await execa(process.execPath, [BIN, 'batch', file, '--out', out, '--resume', '--strict-mcp-config'], { env, reject: false });
    expect(again.stderr).toMatch(/2 task\(s\) already have results, 2 to run/);
    const written = readFileSync(out, 'utf8').trim().split('\n');
    expect(written.map((l) => JSON.parse(l).id)).toEqual(['a', 'b', 'c', 'd']);
  }, 120_000);

  it('refuses a bad tasks file before running anything, naming every bad line and field', async () => {
    const dir = workspace();
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, ['{"id":"a","task":"x"}', '{"id":"a","task":"y"}', 'not json', '{"id":"b"}', '{"id":"c","task":"t","maxTurns":"many"}', '{"id":"d","task":"t","colour":1}', '{"task":"no id"}', '{"id":"e","task":"t","cwd":"no-such-folder"}'].join('\n'));
    await expect(readTasksFile(file)).rejects.toThrow(TasksFileError);
    const r = await execa(process.execPath, [BIN, 'batch', file], { env, reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:2: id 'a' is already used on line 1`);
    expect(r.stderr).toContain(`${file}:3: not JSON`);
    expect(r.stderr).toContain(`${file}:4: task:`);
    expect(r.stderr).toContain(`${file}:5: maxTurns:`);
    expect(r.stderr).toMatch(new RegExp(`${file}:6: .*colour`));
    expect(r.stderr).toContain(`${file}:7: id: missing (every task needs an id, a string or a number)`);
    expect(r.stderr).toContain(`${file}:8: cwd: no-such-folder (${path.join(dir, 'no-such-folder')}) is not a folder`);
    expect(r.stdout).toBe('');
  });

  it('checks its limits: concurrency range, tasks file size, --resume without --out', async () => {
    const dir = workspace();
    const file = path.join(dir, 't.jsonl');
    writeFileSync(file, '{"id":"a","task":"review","cwd":"poor-dockerfile"}\n');
    expect((await execa(process.execPath, [BIN, 'batch', file, '--concurrency', '0'], { env, reject: false })).exitCode).toBe(2);
    expect((await execa(process.execPath, [BIN, 'batch', file, '--concurrency', '65'], { env, reject: false })).exitCode).toBe(2);
    expect((await execa(process.execPath, [BIN, 'batch', file, '--resume'], { env, reject: false })).exitCode).toBe(2);
    const size = readFileSync(file).length;
    const over = await execa(process.execPath, [BIN, 'batch', file, '--max-tasks-bytes', String(size - 1)], { env, reject: false });
    expect(over.exitCode).toBe(2);
    expect(over.stderr).toMatch(/over the limit/);
    const at = await execa(process.execPath, [BIN, 'batch', file, '--max-tasks-bytes', String(size)], { env, reject: false });
    expect(at.exitCode).toBe(0);
    expect(JSON.parse(at.stdout).id).toBe('a');
  }, 60_000);
});
