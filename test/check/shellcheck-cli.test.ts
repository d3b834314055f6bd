import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellcheckForTests } from '../support/shellcheck.js';

const BIN = path.resolve('bin/docker-expert.js');
const { skip, title } = shellcheckForTests('docker-expert check runs ShellCheck on RUN scripts');
let dir: string;

/** The CLI as a user runs it; DOCKER_EXPERT_SHELLCHECK cleared so the binary is found on PATH unless a test sets it. */
const check = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [BIN, 'check', ...args], { cwd: dir, reject: false, env: { NO_COLOR: '1', FORCE_COLOR: '', DOCKER_EXPERT_SHELLCHECK: '', ...env }, extendEnv: true });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'de-check-sc-'));
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:12\nARG name\nRUN echo "$name" && \\\n    echo $1\nUSER nobody\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)(title, () => {
  it('text output lists the SC finding at its line, nothing on stderr', async () => {
    const r = await check(['Dockerfile', '--failure-threshold', 'none']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ {2}4:10 +info +SC2086 +Double quote to prevent globbing and word splitting\.$/m);
  });

  it('JSON carries the finding; --no-shellcheck drops it', async () => {
    const on = JSON.parse((await check(['Dockerfile', '--format', 'json'])).stdout);
    expect(on.findings).toContainEqual({ rule: 'SC2086', severity: 'info', message: 'Double quote to prevent globbing and word splitting.', file: 'Dockerfile', line: 4, column: 10, aliases: [] });
    expect(on.notices).toBeUndefined();
    const off = await check(['Dockerfile', '--format', 'json', '--no-shellcheck']);
    expect(off.stderr).toBe('');
    expect(JSON.parse(off.stdout).findings.filter((f: { rule: string }) => f.rule.startsWith('SC'))).toEqual([]);
  });

  it('check - (stdin) gets the SC findings too', async () => {
    const r = await execa(process.execPath, [BIN, 'check', '-', '--format', 'json'], { cwd: dir, reject: false, input: 'FROM debian:12\nRUN echo $1\n', env: { DOCKER_EXPERT_SHELLCHECK: '' }, extendEnv: true });
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string; line: number }) => `${f.line} ${f.rule}`)).toContain('2 SC2086');
  });

  it('SARIF links an SC rule to the ShellCheck wiki; --explain knows SC ids', async () => {
    const sarif = JSON.parse((await check(['Dockerfile', '--format', 'sarif'])).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'SC2086');
    expect(rule.helpUri).toBe('https://www.shellcheck.net/wiki/SC2086');
    const explained = await check(['--explain', 'sc2086']);
    expect(explained.exitCode).toBe(0);
    expect(explained.stdout).toContain('SC2086');
  });
});

describe('docker-expert check without a shellcheck binary', () => {
  const env = () => ({ PATH: path.join(dir, 'no-such-folder') });

  it('reports no SC finding and one notice on stderr for all the Dockerfiles; the exit code is the findings\' own', async () => {
    writeFileSync(path.join(dir, 'Dockerfile.dev'), 'FROM debian:12\nRUN echo $2\nUSER nobody\n');
    const text = await check(['Dockerfile', 'Dockerfile.dev', '--failure-threshold', 'none'], env());
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('in 2 files');
    expect(text.stdout).not.toMatch(/SC\d{4}/);
    expect(text.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^docker-expert check: ShellCheck not run \(no shellcheck on PATH\): the SC checks of RUN scripts were skipped/)]);
  });

  it('JSON has the notice in `notices` and on stderr; --no-shellcheck says nothing', async () => {
    const json = await check(['Dockerfile', '--format', 'json'], env());
    expect(json.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(json.stdout).notices).toEqual([expect.stringContaining('ShellCheck not run')]);
    expect((await check(['Dockerfile', '--no-shellcheck'], env())).stderr).toBe('');
  });
});
