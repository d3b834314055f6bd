import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyContainerCommand, DEFAULT_FIREWALL_LIMITS } from '../../permissions/container/index.js';
import type { HostContext } from '../../permissions/container/index.js';
import { parseOptions, defineOptions } from '../../permissions/container/flags.js';
import { makeFixture } from '../firewall/fixture.js';
import type { Fixture } from '../firewall/fixture.js';
import { executeBash } from '../firewall/harness.js';

let fx: Fixture;
let ctx: HostContext;
beforeAll(() => {
  fx = makeFixture();
  ctx = { cwd: fx.proj, roots: [fx.proj], home: fx.home };
});
afterAll(() => fx.cleanup());

const classify = (argv: string, extra: Partial<HostContext> = {}) => classifyContainerCommand(argv.split(' '), { ...ctx, ...extra });
function write(rel: string, text: string): void {
  const p = path.join(fx.proj, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

describe('option parsing the way pflag does it', () => {
  const spec = defineOptions('i|interactive t|tty v|volume= privileged');
  it.each([
    [['-itv', '/:/h', 'img'], '/:/h'],
    [['-itv/:/h', 'img'], '/:/h'],
    [['-v=/:/h', 'img'], '/:/h'],
    [['-v/:/h', 'img'], '/:/h'],
    [['--volume=/:/h', 'img'], '/:/h'],
    [['--volume', '/:/h', 'img'], '/:/h'],
  ])('%j gives the volume %s', (args, value) => {
    const parsed = parseOptions(args, spec, false);
    expect(parsed.options.find((o) => o.name === 'volume')?.value).toBe(value);
    expect(parsed.positionals).toEqual(['img']);
  });

  it('stops at the first positional when not interspersed (the container command keeps its flags)', () => {
    const parsed = parseOptions(['img', '--privileged'], spec, false);
    expect(parsed.options).toEqual([]);
    expect(parsed.positionals).toEqual(['img', '--privileged']);
  });

  it('refuses unknown options and missing values', () => {
    expect(parseOptions(['-z'], spec, false).error).toMatch(/unknown option -z/);
    expect(parseOptions(['--volume'], spec, false).error).toMatch(/needs a value/);
  });
});

describe('docker / podman classification', () => {
  it('keeps a container command\'s own flags out of the check (`alpine ls --privileged` is not privileged)', () => {
    expect(classify('docker run --rm alpine ls --privileged')?.reach).toBe('read');
  });

  it('--privileged=false is not privileged; a bad boolean is taken as set', () => {
    expect(classify('docker run --privileged=false alpine')?.reach).toBe('read');
    expect(classify('docker run --privileged=yes alpine')?.reach).toBe('escape');
  });

  it('the current docker context is fine, another one is a host escape', () => {
    expect(classify('docker --context default ps')?.reach).toBe('read');
    expect(classify('docker --context dev ps', { dockerContext: 'dev' })?.reach).toBe('read');
    expect(classify('docker --context prod ps', { dockerContext: 'dev' })?.reach).toBe('escape');
  });

  it('a writable mount of a folder holding .git changes the world; read-only does not', () => {
    const repo = path.join(fx.proj, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    expect(classify(`docker run -v ${repo}:/src alpine`)?.reach).toBe('change');
    expect(classify(`docker run -v ${repo}:/src:ro alpine`)?.reach).toBe('read');
    expect(classify(`docker run --mount type=bind,src=${repo},dst=/src,readonly alpine`)?.reach).toBe('read');
  });

  it('global options go after the subcommand in the canonical form used for rules', () => {
    expect(classify('docker --log-level debug push app')?.canonicalArgv).toEqual(['docker', 'push', 'app', '--log-level', 'debug']);
  });
});

describe('compose files are read and checked', () => {
  it('checks included files, refuses interpolated paths, and refuses COMPOSE_FILE from .env', () => {
    write('inc/compose.yaml', 'include:\n  - ../inc/extra.yaml\nservices:\n  a: {image: alpine}\n');
    write('inc/extra.yaml', 'services:\n  b:\n    image: alpine\n    pid: host\n');
    expect(classify('docker compose -f inc/compose.yaml up')?.findings.some((f) => f.reach === 'escape' && /pid: host/.test(f.reason))).toBe(true);
    write('interp/compose.yaml', 'services:\n  a:\n    image: alpine\n    volumes: ["${HOME}:/h"]\n');
    expect(classify('docker compose -f interp/compose.yaml up')?.reach).toBe('refuse');
    write('envfile/compose.yaml', 'services:\n  a: {image: alpine}\n');
    write('envfile/.env', 'COMPOSE_FILE=/etc/evil.yaml\n');
    expect(classify('docker compose --project-directory envfile up')?.findings.map((f) => f.reason).join()).toMatch(/sets COMPOSE_FILE/);
  });

  it(`follows include chains ${DEFAULT_FIREWALL_LIMITS.maxIncludeDepth} deep and refuses one more`, () => {
    const depth = 3;
    for (let i = 0; i <= depth + 1; i++) write(`chain/c${i}.yaml`, `include: [c${i + 1}.yaml]\nservices: {s${i}: {image: alpine}}\n`);
    write(`chain/c${depth + 2}.yaml`, 'services: {}\n');
    // c0 includes c1 ... c4 includes c5: the deepest file is at depth 5.
    expect(classify('docker compose -f chain/c0.yaml up', { limits: { maxIncludeDepth: depth + 2 } })?.reach).toBe('change');
    expect(classify('docker compose -f chain/c0.yaml up', { limits: { maxIncludeDepth: depth + 1 } })?.reach).toBe('refuse');
  });
});

describe('kubectl manifests', () => {
  it(`reads at most ${DEFAULT_FIREWALL_LIMITS.maxManifestFiles} files from a folder (edge tested with a small limit)`, () => {
    for (let i = 0; i < 3; i++) write(`many/m${i}.yaml`, 'kind: ConfigMap\n');
    expect(classify('kubectl apply -f many', { limits: { maxManifestFiles: 3 } })?.reach).toBe('change');
    expect(classify('kubectl apply -f many', { limits: { maxManifestFiles: 2 } })?.reach).toBe('refuse');
  });

  it('refuses a manifest larger than the byte limit', () => {
    write('big.yaml', `kind: ConfigMap\ndata: {a: "${'x'.repeat(100)}"}\n`);
    expect(classify('kubectl apply -f big.yaml', { limits: { maxManifestBytes: 1000 } })?.reach).toBe('change');
    expect(classify('kubectl apply -f big.yaml', { limits: { maxManifestBytes: 100 } })?.reach).toBe('refuse');
  });

  it('checks a here-document fed to apply -f- and finds host namespaces in it', async () => {
    const evil = "kubectl apply -f- <<'EOF'\nkind: Pod\nspec:\n  hostNetwork: true\n  containers: [{name: c, image: a}]\nEOF";
    const d = await executeBash(fx, evil, { allow: ['Bash(kubectl apply:*)'] });
    expect(d.decision.behavior).toBe('deny');
    expect(d.decision.reason).toMatch(/hostNetwork/);
    fx.reset();
    const ok = "kubectl apply -f- <<'EOF'\nkind: ConfigMap\nmetadata: {name: c}\nEOF";
    const r = await executeBash(fx, ok, { allow: ['Bash(kubectl apply:*)'] });
    expect(r.decision.behavior).toBe('allow');
    expect(fx.runs()).toEqual([['kubectl', 'apply', '-f-']]);
  });

  it('finds privileged containers in any workload kind and in --overrides', () => {
    write('cron.yaml', 'kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n              image: a\n              securityContext:\n                capabilities: {add: [SYS_ADMIN]}\n');
    expect(classify('kubectl apply -f cron.yaml')?.findings.some((f) => /SYS_ADMIN/.test(f.reason))).toBe(true);
  });
});
