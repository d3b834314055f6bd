/** Issue 14.5, 14.6, 14.9: files named on the command line are analyzed by content, every syntax error is reported, bad paths are usage errors. */
import { linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/docker-expert.js');
const check = (args: string[]) => execa(process.execPath, [BIN, 'check', ...args], { reject: false });
const dir = mkdtempSync(path.join(tmpdir(), 'de-named-'));
const DOCKERFILE = 'FROM node:latest\nRUN echo hi\n';

describe('check: what a named file is', () => {
  it.each(['Dockerfile-prod', 'Dockerfile_dev', 'Dockerfile2', 'prod.Dockerfile', 'build.txt'])('%s is analyzed as a Dockerfile (and fails the gate)', async (name) => {
    writeFileSync(path.join(dir, name), DOCKERFILE);
    const r = await check([path.join(dir, name), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { kind: string }) => f.kind)).toEqual(['dockerfile']);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('DL3007');
    expect(r.exitCode).toBe(1);
  });

  it('a folder walk finds Dockerfile-prod and Dockerfile2 by name', async () => {
    const walk = mkdtempSync(path.join(tmpdir(), 'de-walk-'));
    writeFileSync(path.join(walk, 'Dockerfile-prod'), DOCKERFILE);
    writeFileSync(path.join(walk, 'Dockerfile2'), DOCKERFILE);
    writeFileSync(path.join(walk, 'notes.txt'), DOCKERFILE);
    const report = JSON.parse((await check([walk, '--format', 'json'])).stdout);
    expect(report.files.map((f: { path: string }) => path.basename(f.path)).sort()).toEqual(['Dockerfile-prod', 'Dockerfile2']);
  });

  it('a named file of no known kind is a warning that fails the gate; --kind names it', async () => {
    const file = path.join(dir, 'image.conf');
    writeFileSync(file, 'RUN echo hi\nFROM alpine:3.20\n');
    const r = await check([file, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ rule: 'FILE-KIND', severity: 'warning', message: expect.stringMatching(/--kind/) })]);
    const forced = JSON.parse((await check([file, '--kind', 'dockerfile', '--format', 'json'])).stdout);
    expect(forced.files[0].kind).toBe('dockerfile');
    const bad = await check([file, '--kind', 'helm']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--kind must be one of dockerfile, compose, kubernetes, not 'helm'/);
  });

  it('a path that does not exist is exit 2, naming it', async () => {
    const r = await check([path.join(dir, 'nope')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/nope: no such file or folder/);
  });

  it('a file that is not UTF-8 says so in words, not an error code', async () => {
    const file = path.join(dir, 'Dockerfile.latin1');
    writeFileSync(file, Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0xff, 0x0a]));
    const report = JSON.parse((await check([file, '--format', 'json'])).stdout);
    expect(report.findings[0].message).toBe('file is not valid UTF-8 text');
  });
});

describe('check --fix: one file under two names (issue 14.9)', () => {
  it('a hard link and a named symlink are analyzed and fixed once, under the first name', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'de-links-'));
    for (const d of ['a', 'b']) mkdirSync(path.join(root, d));
    writeFileSync(path.join(root, 'a', 'Dockerfile'), 'FROM python:3.12-slim\nRUN pip install flask\n');
    linkSync(path.join(root, 'a', 'Dockerfile'), path.join(root, 'b', 'Dockerfile'));
    symlinkSync(path.join(root, 'a', 'Dockerfile'), path.join(root, 'named-link'));
    const r = await execa(process.execPath, [BIN, 'check', 'a', 'b', 'named-link', '--fix', '--format', 'json', '--kind', 'dockerfile'], { cwd: root, reject: false });
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(['a/Dockerfile']);
    expect(report.changes.map((c: { file: string; rule: string }) => `${c.file} ${c.rule}`)).toEqual(['a/Dockerfile DL3042']);
    expect(readFileSync(path.join(root, 'b', 'Dockerfile'), 'utf8')).toBe('FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n');
  });
});

describe('check: syntax errors', () => {
  const file = path.join(dir, 'Dockerfile.broken');
  writeFileSync(file, 'FROM alpine:3.20\nCOPY\nRUN\nEXPOSE\nFROBNICATE x\n');
  it('reports every one, with its own line, in json, sarif and text', async () => {
    const json = JSON.parse((await check([file, '--format', 'json'])).stdout);
    const syntax = json.findings.filter((f: { rule: string }) => f.rule === 'DL1000');
    expect(syntax.map((f: { line: number }) => f.line)).toEqual([2, 3, 4, 5]);
    const sarif = JSON.parse((await check([file, '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'DL1000')).toHaveLength(4);
    const text = (await check([file])).stdout;
    expect(text.match(/DL1000/g)).toHaveLength(4);
    expect(text).not.toMatch(/more syntax problem/);
  });
});

describe('check: one size limit (issue 14.7)', () => {
  it('a Dockerfile over 1 MiB is analyzed whole when --max-file-bytes lets it through; over the flag it is FILE-LIMIT', async () => {
    const file = path.join(dir, 'Dockerfile.big');
    const head = 'FROM node:latest\n';
    writeFileSync(file, head + `# ${'x'.repeat(1_200_000)}\n`);
    const size = statSync(file).size;
    const through = JSON.parse((await check([file, '--max-file-bytes', String(size), '--format', 'json'])).stdout);
    expect(through.findings.map((f: { rule: string }) => f.rule)).toContain('DL3007');
    expect(through.findings.map((f: { rule: string }) => f.rule)).not.toContain('DL1000');
    const over = JSON.parse((await check([file, '--max-file-bytes', String(size - 1), '--format', 'json'])).stdout);
    expect(over.findings.map((f: { rule: string }) => f.rule)).toEqual(['FILE-LIMIT']);
  });
});

describe('`-` reads stdin (issue 14.15)', () => {
  it('check - analyzes a Dockerfile (or YAML) from stdin, reported as -', async () => {
    const r = await execa(process.execPath, [BIN, 'check', '-', '--format', 'json'], { reject: false, input: 'FROM node:latest\nRUN echo hi\n' });
    const report = JSON.parse(r.stdout);
    expect(report.files).toEqual([{ path: '-', kind: 'dockerfile' }]);
    expect(report.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`)).toContain('DL3007 -');
    expect(r.exitCode).toBe(1);
    const yaml = JSON.parse((await execa(process.execPath, [BIN, 'check', '-', '--format', 'json'], { reject: false, input: 'services:\n  web:\n    image: nginx:1.27\n' })).stdout);
    expect(yaml.files[0].kind).toBe('compose');
    const forced = JSON.parse((await execa(process.execPath, [BIN, 'check', '-', '--kind', 'dockerfile', '--format', 'json'], { reject: false, input: 'RUN true\n' })).stdout);
    expect(forced.files[0].kind).toBe('dockerfile');
  });

  it('refuses `-` with other paths, with --fix, and past --max-file-bytes', async () => {
    const mixed = await execa(process.execPath, [BIN, 'check', '-', 'Dockerfile'], { reject: false, input: '' });
    expect(mixed.exitCode).toBe(2);
    const fix = await execa(process.execPath, [BIN, 'check', '-', '--fix'], { reject: false, input: 'FROM a\n' });
    expect(fix.exitCode).toBe(2);
    const big = await execa(process.execPath, [BIN, 'check', '-', '--max-file-bytes', '10'], { reject: false, input: 'FROM node:22-bookworm-slim\n' });
    expect(big.exitCode).toBe(2);
    expect(big.stderr).toMatch(/stdin is larger than 10 bytes/);
  });

  it('run - takes the task from stdin instead of running the task "-"', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'de-stdin-'));
    writeFileSync(path.join(cwd, 'Dockerfile'), 'FROM node:latest\n');
    const r = await execa(process.execPath, [BIN, 'run', '-', '--cwd', cwd, '--output-format', 'json'], {
      reject: false, input: 'review the Dockerfile', env: { ...process.env, ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '' },
    });
    const result = JSON.parse(r.stdout);
    expect(result.result).toMatch(/^Offline docker-expert report for .*\nTask: review the Dockerfile\n/);
  }, 30_000);
});
