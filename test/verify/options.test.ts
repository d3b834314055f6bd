/** `--base-image`, `.docker-expert/config.json` baseImages, `--no-verify` and `--verify-rounds`: defaults, edges, bad input. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { mapBaseImage, parseBaseImageSpec } from '../../tools/generator/base-images.js';
import { parseRunOptions, MAX_VERIFY_ROUNDS } from '../../cli/run-options.js';
import { DEFAULT_VERIFY_ROUNDS } from '../../agent/models/offline/verify/loop.js';

const BIN = path.resolve('bin/docker-expert.js');
// No engine for these runs: verification cannot happen, so they are quick and say so.
const env = { ...process.env, ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '', DOCKER_HOST: 'unix:///nonexistent/docker.sock', XDG_CONFIG_HOME: mkdtempSync(path.join(tmpdir(), 'de-xdg-')) };

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'de-opts-'));
  cpSync(path.resolve('examples/node-api'), dir, { recursive: true });
  return dir;
}

describe('base image map', () => {
  it('an exact reference wins, then the longest * pattern, then the repository; registry defaults are the same image', () => {
    const map = { 'node:22-bookworm-slim': 'local/a', 'node:*-bookworm': 'local/build', node: 'local/any', 'mcr.microsoft.com/dotnet/sdk': 'local/sdk' };
    expect(mapBaseImage(map, 'node:22-bookworm-slim')).toBe('local/a');
    expect(mapBaseImage(map, 'node:20-bookworm')).toBe('local/build');
    expect(mapBaseImage(map, 'node:20-bookworm-slim')).toBe('local/any');
    expect(mapBaseImage(map, 'docker.io/library/node:18')).toBe('local/any');
    expect(mapBaseImage(map, 'mcr.microsoft.com/dotnet/sdk:8.0')).toBe('local/sdk');
    expect(mapBaseImage(map, 'python:3.12-slim')).toBe('python:3.12-slim');
    expect(mapBaseImage(undefined, 'node:22')).toBe('node:22');
  });

  it.each(['node', '=x', 'node=', 'node=has space', 'node=../x', 'Node=x'])('refuses the spec %j, saying the form', (spec) => {
    expect(() => parseBaseImageSpec(spec)).toThrow(/--base-image/);
  });
});

describe('run options', () => {
  it('verify is on with the default rounds; --verify-rounds takes 1 to the maximum', () => {
    expect(parseRunOptions(['t'], '/').verify).toEqual({ enabled: true, maxRounds: DEFAULT_VERIFY_ROUNDS });
    expect(parseRunOptions(['--no-verify', 't'], '/').verify.enabled).toBe(false);
    expect(parseRunOptions(['--verify-rounds', '1', 't'], '/').verify.maxRounds).toBe(1);
    expect(parseRunOptions(['--verify-rounds', String(MAX_VERIFY_ROUNDS), 't'], '/').verify.maxRounds).toBe(MAX_VERIFY_ROUNDS);
    expect(() => parseRunOptions(['--verify-rounds', '0', 't'], '/')).toThrow(/--verify-rounds must be a whole number >= 1/);
    expect(() => parseRunOptions(['--verify-rounds', String(MAX_VERIFY_ROUNDS + 1), 't'], '/')).toThrow(/at most 10/);
  });
});

describe('docker-expert run with local base images', () => {
  it('--base-image puts the local image into the Dockerfile; without an engine the report says it was not built', async () => {
    const dir = project();
    const r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir, '--base-image', 'node=localhost/node:20-local', '--output-format', 'json'], { env, reject: false });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(/^FROM localhost\/node:20-local AS runtime$/m);
    expect(JSON.parse(r.stdout).result).toMatch(/The image was not built: no container engine answers here/);
  }, 60_000);

  it('the project config file maps images too, and the flag wins over it', async () => {
    const dir = project();
    mkdirSync(path.join(dir, '.docker-expert'));
    writeFileSync(path.join(dir, '.docker-expert', 'config.json'), JSON.stringify({ baseImages: { node: 'localhost/from-config:1', 'node:*-bookworm-slim': 'localhost/pattern:1' } }));
    let r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir], { env, reject: false });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(/^FROM localhost\/pattern:1 AS runtime$/m);
    const again = project();
    mkdirSync(path.join(again, '.docker-expert'));
    writeFileSync(path.join(again, '.docker-expert', 'config.json'), JSON.stringify({ baseImages: { node: 'localhost/from-config:1' } }));
    r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', again, '--base-image', 'node=localhost/from-flag:2'], { env, reject: false });
    expect(readFileSync(path.join(again, 'Dockerfile'), 'utf8')).toMatch(/^FROM localhost\/from-flag:2 AS runtime$/m);
  }, 60_000);

  it.each([
    ['{ not json', /config\.json: invalid JSON/],
    ['{"baseImages": ["node"]}', /config\.json: baseImages must be an object/],
    ['{"baseImages": {"node": 3}}', /config\.json: baseImages\.node must be a string/],
    ['{"baseImages": {"node": "has space"}}', /config\.json: baseImages\.node .*is not an image reference/],
  ])('a bad config file (%s) is exit 2 naming the file and field, and nothing is written', async (text, message) => {
    const dir = project();
    mkdirSync(path.join(dir, '.docker-expert'));
    writeFileSync(path.join(dir, '.docker-expert', 'config.json'), text);
    const r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir], { env, reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(() => readFileSync(path.join(dir, 'Dockerfile'))).toThrow();
  }, 60_000);

  it('a bad --base-image is exit 2 with the expected form', async () => {
    const r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', project(), '--base-image', 'node'], { env, reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--base-image "node": expected NAME=LOCALREF/);
  }, 30_000);

  it('a containerize task with nothing to containerize exits 1 with the reason', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-empty-'));
    writeFileSync(path.join(dir, 'notes.txt'), 'no app here\n');
    const r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir, '--output-format', 'json'], { env, reject: false });
    expect(r.exitCode).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.subtype).toBe('error_during_execution');
    expect(result.result).toMatch(/I could not detect the stack, so I wrote no Dockerfile/);
  }, 30_000);
});

describe('the first Bash call of a fresh process', () => {
  it('is classified once the parser has loaded: `docker version` in the read-only analyze step is allowed, not refused', async () => {
    // A stand-in docker that answers `version`: the run happens in a new process, where the parser is not loaded yet.
    const bin = mkdtempSync(path.join(tmpdir(), 'de-shim-'));
    writeFileSync(path.join(bin, 'docker'), '#!/bin/sh\necho "Server: Docker Engine (shim)"\n', { mode: 0o755 });
    const dir = project();
    const r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir, '--no-verify', '--output-format', 'json'], {
      env: { ...env, PATH: `${bin}:${process.env.PATH}` },
      reject: false,
    });
    const result = JSON.parse(r.stdout);
    expect(result.permission_denials).toEqual([]);
    expect(result.workflow[0].summary).toMatch(/Container engine: reachable\./);
  }, 60_000);
});

describe('a repository whose root is not a project', () => {
  it('containerizes the subfolder that is the service, and says why', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-mono-'));
    mkdirSync(path.join(dir, 'frontend/src'), { recursive: true });
    writeFileSync(path.join(dir, 'frontend/package.json'), JSON.stringify({ name: 'web', private: true, scripts: { build: 'vite build', dev: 'vite' }, devDependencies: { vite: '^7' } }));
    writeFileSync(path.join(dir, 'frontend/src/main.js'), "document.body.textContent = 'hi';\n");
    cpSync(path.resolve('examples/node-api'), path.join(dir, 'backend'), { recursive: true });
    const r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir, '--output-format', 'json'], { env, reject: false });
    expect(r.exitCode).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.handoff.artifacts.map((a: { path: string }) => a.path).sort()).toEqual(['backend/.dockerignore', 'backend/Dockerfile']);
    expect(result.result).toMatch(/The repository root is not a project: backend is the service: it listens \(server\.js:\d+\), and it is named like one; also found: frontend/);
    expect(result.handoff.commands[0]).toBe(`docker build -t node-api:dev ${path.join(dir, 'backend')}`);
  }, 60_000);
});
