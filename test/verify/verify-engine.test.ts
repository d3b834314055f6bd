/**
 * Issue 13's verify loop on the real engine: the offline expert containerizes apps whose problems only show when they
 * run, builds and runs them through the Bash tool and its firewall, diagnoses from the logs and sockets, repairs by
 * regenerating, and reports each round (with the exit codes the runtime saw) in the handoff. Nothing it made is left.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startRun } from '../../agent/start.js';
import { VERIFY_PREFIX } from '../../agent/models/offline/verify/loop.js';
import { docker, engineForTests, localBaseImages } from '../support/engine.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** Up to three builds and runs on a loaded 2-core machine. */
const TIMEOUT_MS = 420_000;

const { env, skip, title } = await engineForTests('the verify loop builds, runs, diagnoses and repairs on the real engine', ['node', 'python', 'golang', 'busybox']);

async function containerize(fixture: string, extra: { verify?: { enabled: boolean; maxRounds: number } } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), `de-verify-${fixture}-`));
  dirs.push(dir);
  await cp(path.join(FIXTURES, fixture), dir, { recursive: true });
  const run = await startRun({
    agent: 'docker-expert',
    task: 'containerize this app',
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env.vars },
    generatorOptions: { baseImageMap: localBaseImages(env.images) },
    verify: extra.verify ?? { enabled: true, maxRounds: 3 },
  });
  const result = await run.result;
  const handoff = result.handoff as any;
  const runs = (handoff?.verification ?? []).filter((v: any) => v.kind === 'run');
  for (const r of runs) for (const c of r.commands) for (const m of String(c.command).matchAll(IMAGE_NAME)) madeHere.add({ repo: m[1]!, tag: m[2]! });
  return { dir, result, handoff, runs, dockerfile: await readFile(path.join(dir, 'Dockerfile'), 'utf8').catch(() => '') };
}

const IMAGE_NAME = new RegExp(`\\b(${VERIFY_PREFIX}-[a-z0-9._-]+):([a-z0-9]+)`, 'g');
/** Image repositories this file's runs used; other test files (the app corpus) verify on the same engine at the same time. */
const madeHere = new Set<{ repo: string; tag: string }>();

/** Containers and images this file's runs made and did not remove. */
async function leftovers(): Promise<string[]> {
  expect(madeHere.size).toBeGreaterThan(0);
  const ps = await docker(env, ['ps', '-a', '--filter', `name=${VERIFY_PREFIX}`, '--format', '{{.Names}}']);
  const images = await docker(env, ['images', '--format', '{{.Repository}}:{{.Tag}}']);
  const mine = (l: string) => [...madeHere].some(({ repo, tag }) => l === `${repo}:${tag}` || l.startsWith(`${repo}-${tag}-`));
  return [...ps.stdout.split('\n'), ...images.stdout.split('\n')].map((l) => l.trim()).filter((l) => l && mine(l));
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe.skipIf(skip !== undefined)(title, () => {
  it('Go: templates read through a parameter are missing at run time; the logs say so, round 2 copies them and is healthy', async () => {
    const { result, runs, dockerfile } = await containerize('go-template-param');
    expect(result.subtype).toBe('success');
    expect(runs.map((r: any) => r.outcome)).toEqual(['exited', 'healthy']);
    expect(runs[0].detail).toMatch(/templates/);
    expect(runs[0].repair).toBe('copy templates into the final stage');
    expect(dockerfile).toMatch(/WORKDIR \/app[\s\S]*COPY templates \.\/templates/);
    // Every command the handoff lists ran, with the exit code the runtime saw.
    for (const r of runs) for (const c of r.commands) expect(c.ran, c.command).toBe(true);
    expect(runs[1].commands.find((c: any) => c.command.startsWith('docker build')).exit_code).toBe(0);
    expect(await leftovers()).toEqual([]);
  }, TIMEOUT_MS);

  it('Python: / answers 500 without configuration; the probe moves to /hello, which answers', async () => {
    const { result, runs, dockerfile } = await containerize('python-root-500');
    expect(result.subtype).toBe('success');
    expect(runs.map((r: any) => r.outcome)).toEqual(['unhealthy', 'healthy']);
    expect(runs[0].repair).toBe('probe /hello, which answers');
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/hello/);
    expect(await leftovers()).toEqual([]);
  }, TIMEOUT_MS);

  it('Node: a folder named at run time cannot be written; round 2 makes it writable for the non-root user', async () => {
    const { result, runs, dockerfile } = await containerize('node-computed-write');
    expect(result.subtype).toBe('success');
    expect(runs.map((r: any) => r.outcome)).toEqual(['exited', 'healthy']);
    expect(runs[0].repair).toMatch(/make var(\/state)? writable/);
    expect(dockerfile).toMatch(/RUN mkdir -p \/app\/var[^\n]*chown -R 10001:10001/);
    expect(dockerfile).toContain("path:'/healthz'");
    expect(await leftovers()).toEqual([]);
  }, TIMEOUT_MS);

  it('Node: a loopback-only bind with no switch is seen on the sockets and reported, not repaired', async () => {
    const { result, handoff, runs } = await containerize('node-loopback');
    expect(result.subtype).toBe('success');
    expect(runs.map((r: any) => r.outcome)).toEqual(['not_listening']);
    expect(runs[0].detail).toMatch(/listens on 127\.0\.0\.1:3000 only: loopback/);
    expect(handoff.findings.map((f: any) => f.rule)).toContain('DE-VERIFY');
    // The static check saw it too, with the place in the code.
    const dockerfileRecord = handoff.verification.find((v: any) => v.kind === 'dockerfile');
    expect(dockerfileRecord.findings.map((f: any) => `${f.rule} ${f.message}`).join('\n')).toMatch(/DE1020 server\.js:3: the app listens on 127\.0\.0\.1/);
    expect(await leftovers()).toEqual([]);
  }, TIMEOUT_MS);

  it('--verify-rounds 1 stops after the first round, and --no-verify builds nothing', async () => {
    const one = await containerize('go-template-param', { verify: { enabled: true, maxRounds: 1 } });
    expect(one.runs.map((r: any) => r.outcome)).toEqual(['exited']);
    expect(one.result.subtype).toBe('success');
    const none = await containerize('python-root-500', { verify: { enabled: false, maxRounds: 3 } });
    expect(none.runs).toEqual([]);
    expect(none.result.result).toMatch(/The image was not built: verification is off \(--no-verify\)/);
    expect(none.result.permission_denials).toEqual([]);
    expect(await leftovers()).toEqual([]);
  }, TIMEOUT_MS);
});
