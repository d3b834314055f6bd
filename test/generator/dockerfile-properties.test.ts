import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectStack, generateDockerfile, DEFAULT_UID } from '../../tools/generator/index.js';
import type { StackInfo } from '../../tools/generator/index.js';
import { EXAMPLES, FIXTURES, flagsOf, ignoredBy, stackFixtures, stagesOf } from './support.js';

const projects = [
  ...(await stackFixtures()).map((n) => path.join(FIXTURES, n)),
  ...['node-api', 'python-web', 'go-service'].map((n) => path.join(EXAMPLES, n)),
];
const detected: [string, StackInfo][] = [];
for (const dir of projects) detected.push([path.basename(dir), (await detectStack(dir))!]);

/** The probe tool each final image family really has (no curl in any of them). */
function expectedProbeTool(runtimeImage: string): string {
  if (runtimeImage.startsWith('node:')) return 'node';
  if (runtimeImage.startsWith('python:')) return 'python';
  if (runtimeImage.startsWith('alpine:')) return 'wget';
  return 'bash';
}

/** Package-manager cache folders, per language: a cache mount must target one of them. */
const CACHE_TARGETS: Record<string, RegExp> = {
  node: /\/root\/\.npm|pnpm\/store|\.yarn\/berry\/cache|\.cache\/yarn/,
  python: /\/root\/\.cache\/(pip|pypoetry|uv)/,
  go: /\/go\/pkg\/mod/,
  java: /\.m2|\.gradle/,
  rust: /cargo\/registry/,
  dotnet: /\.nuget\/packages/,
  php: /\/tmp\/cache/,
  ruby: /\.bundle\/cache/,
};

describe.each(detected)('generated Dockerfile for %s', (_name, stack) => {
  const out = generateDockerfile(stack);
  const stages = stagesOf(out.dockerfile);
  const final = stages[stages.length - 1];
  const finalKeywords = final.instructions.map((i) => i.getKeyword());

  it('starts with the BuildKit syntax directive and is multi-stage', () => {
    expect(out.dockerfile.split('\n')[0]).toBe('# syntax=docker/dockerfile:1');
    expect(stages.length).toBeGreaterThanOrEqual(2);
  });

  it('pins every base image to a version tag, never latest', () => {
    for (const s of stages) {
      const tag = s.image.split('/').pop()!.split(':')[1];
      expect(tag, s.image).toBeDefined();
      expect(tag).not.toBe('latest');
      expect(tag).toMatch(/\d/);
    }
  });

  it('runs the final stage as a numeric non-root user', () => {
    const users = final.instructions.filter((i) => i.getKeyword() === 'USER');
    expect(users.at(-1)?.getArgumentsContent()).toBe(`${DEFAULT_UID}:${DEFAULT_UID}`);
    expect(out.plan.uid).toBe(DEFAULT_UID);
  });

  it('starts in exec form', () => {
    const start = final.instructions.filter((i) => ['CMD', 'ENTRYPOINT'].includes(i.getKeyword()));
    expect(start).toHaveLength(1);
    const argv = JSON.parse(start[0].getArgumentsContent()!);
    expect(Array.isArray(argv) && argv.length > 0).toBe(true);
  });

  it('uses a BuildKit cache mount for the package manager', () => {
    const mounts = stages.flatMap((s) => s.instructions).flatMap(flagsOf).filter((f) => f.startsWith('mount=type=cache'));
    expect(mounts.length).toBeGreaterThan(0);
    expect(mounts.some((m) => CACHE_TARGETS[stack.language].test(m))).toBe(true);
  });

  it('installs dependencies from the manifests before copying the source', () => {
    // In file order across stages: a deps stage may install, and a later stage copies its result, then the source.
    const keys = stages.flatMap((s) => s.instructions)
      .map((i) => `${i.getKeyword()} ${flagsOf(i).some((f) => f.startsWith('from=')) ? '--from ' : ''}${i.getArgumentsContent()}`);
    const isSourceCopy = (k: string) => /^COPY \.\s/.test(k);
    const copySource = keys.findIndex(isSourceCopy);
    const copyManifest = keys.findIndex((k) => k.startsWith('COPY ') && !isSourceCopy(k) && !k.includes('--from'));
    const install = keys.findIndex((k, i) => k.startsWith('RUN ') && i > copyManifest);
    expect(copyManifest).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(copyManifest);
    expect(copySource).toBeGreaterThan(install);
  });

  it('has a HEALTHCHECK whose tool exists in the final image, and EXPOSEs the port', () => {
    expect(stack.isService).toBe(true);
    const hc = final.instructions.filter((i) => i.getKeyword() === 'HEALTHCHECK');
    expect(hc).toHaveLength(1);
    const cmd = hc[0].getArgumentsContent()!.replace(/^.*?CMD\s+/s, '');
    const argv = JSON.parse(cmd) as string[];
    if (out.plan.healthPath) {
      expect(argv[0]).toBe(expectedProbeTool(final.image));
      expect(argv.join(' ')).toContain(out.plan.healthPath);
    } else {
      // No route to ask for: a TCP connect to the port, with the image's own tool (BusyBox images use sh + nc).
      expect([expectedProbeTool(final.image), 'sh']).toContain(argv[0]);
      expect(argv.join(' ')).toMatch(/net'\)\.connect|create_connection|\/dev\/tcp\/|\bnc\b/);
      expect(argv.join(' ')).toContain(String(out.plan.port));
    }
    expect(final.instructions.find((i) => i.getKeyword() === 'EXPOSE')?.getArgumentsContent()).toBe(String(out.plan.port));
  });

  it('labels the image and keeps secrets out of ARG/ENV', () => {
    expect(finalKeywords).toContain('LABEL');
    expect(out.dockerfile).toContain(`org.opencontainers.image.title="${stack.name}"`);
    for (const i of stages.flatMap((s) => s.instructions)) {
      if (i.getKeyword() === 'ENV' || i.getKeyword() === 'ARG') {
        expect(i.getArgumentsContent()).not.toMatch(/(PASSWORD|SECRET|TOKEN|API_KEY)\w*=/i);
      }
    }
  });

  it('does not install OS packages (nothing unpinned from apt/apk)', () => {
    expect(out.dockerfile).not.toMatch(/apt-get install|apk add/);
  });

  it('.dockerignore keeps secrets and VCS out and does not exclude what the Dockerfile copies', () => {
    expect(ignoredBy('.env', out.dockerignore)).toBeDefined();
    expect(ignoredBy('config/.env.production', out.dockerignore)).toBeDefined();
    expect(ignoredBy('.git/config', out.dockerignore)).toBeDefined();
    expect(ignoredBy('Dockerfile', out.dockerignore)).toBeDefined();
    for (const instr of stages.flatMap((s) => s.instructions)) {
      if (instr.getKeyword() !== 'COPY' || flagsOf(instr).some((f) => f.startsWith('from='))) continue;
      const args = instr.getArgumentsContent()!.replace(/--\S+\s+/g, '').split(/\s+/);
      for (const src of args.slice(0, -1)) {
        if (src !== '.') expect(ignoredBy(src, out.dockerignore), `${src} is copied but ignored`).toBeUndefined();
      }
    }
  });

  it('baseImages overrides replace builder and final images', () => {
    const o = generateDockerfile(stack, { baseImages: { build: 'localhost/build:1', runtime: 'localhost/run:1' } });
    const s = stagesOf(o.dockerfile);
    expect(s.at(-1)!.image).toBe('localhost/run:1');
    for (const b of s.slice(0, -1)) expect(b.image).toBe('localhost/build:1');
  });
});

describe('generator options and edges', () => {
  it('port and healthPath options win over detection', async () => {
    const stack = (await detectStack(path.join(EXAMPLES, 'node-api')))!;
    const out = generateDockerfile(stack, { port: 9999, healthPath: '/livez', uid: 20000 });
    expect(out.dockerfile).toContain('EXPOSE 9999');
    expect(out.dockerfile).toContain('/livez');
    expect(out.dockerfile).toContain('USER 20000:20000');
  });

  it('refuses uid 0 (root)', async () => {
    const stack = (await detectStack(path.join(EXAMPLES, 'node-api')))!;
    expect(() => generateDockerfile(stack, { uid: 0 })).toThrow(/uid 0/);
  });

  it('a Next.js app without a health route is probed at /, which Next serves; nothing is invented', async () => {
    const stack = (await detectStack(path.join(FIXTURES, 'node-pnpm')))!;
    const out = generateDockerfile(stack);
    expect(out.plan.healthPath).toBe('/');
    expect(out.notes.join('\n')).toMatch(/Health probe: GET \/, \/ is served: next serves pages at \//);
  });

  it('a server with no health route that does not serve / gets a TCP probe and a note, never an invented path', async () => {
    const stack = (await detectStack(path.join(FIXTURES, 'python-uv')))!;
    const out = generateDockerfile(stack);
    expect(out.plan.healthPath).toBeUndefined();
    expect(out.plan.healthcheck?.join(' ')).toContain('socket.create_connection');
    expect(out.dockerfile).not.toMatch(/\/health/);
    expect(out.notes.join('\n')).toMatch(/No health route found in the code and \/ is not served/);
  });

  it('a worker with no server gets neither EXPOSE nor HEALTHCHECK, and says why', () => {
    const worker: StackInfo = {
      language: 'go', packageManager: 'go', name: 'cron', modulePath: 'example.com/cron', mainPackage: '.', binaryName: 'cron',
      hasGoSum: false, isService: false, evidence: [],
    };
    const out = generateDockerfile(worker);
    expect(out.dockerfile).not.toMatch(/^(EXPOSE|HEALTHCHECK)/m);
    expect(out.notes.join('\n')).toMatch(/job\/worker image/);
  });
});

describe('digest pinning', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;

  it('pins the images it has digests for, and the analyzer stops asking for them', async () => {
    const { analyzeDockerfile } = await import('../../tools/analyzers/dockerfile/index.js');
    const stack = (await detectStack(path.join(EXAMPLES, 'node-api')))!;
    const out = generateDockerfile(stack, { digests: { 'node:22-bookworm-slim': digest } });
    const images = stagesOf(out.dockerfile).map((s) => s.image);
    expect(images.every((i) => i === `node:22-bookworm-slim@${digest}`)).toBe(true);
    const findings = await analyzeDockerfile(out.dockerfile, { file: 'Dockerfile' });
    expect(findings.filter((f) => f.rule === 'DE1007')).toEqual([]);
    expect(out.notes.join('\n')).not.toMatch(/pin their digests/);
    const unpinned = generateDockerfile(stack);
    expect((await analyzeDockerfile(unpinned.dockerfile, { file: 'Dockerfile' })).some((f) => f.rule === 'DE1007')).toBe(true);
  });

  it('refuses a malformed digest', async () => {
    const stack = (await detectStack(path.join(EXAMPLES, 'node-api')))!;
    expect(() => generateDockerfile(stack, { digests: { 'node:22-bookworm-slim': 'sha256:xyz' } })).toThrow(/not sha256/);
  });
});

describe('determinism (the offline expert relies on it)', () => {
  it.each(detected)('%s: detection and generation give the same files twice', async (name, stack) => {
    const dir = projects.find((p) => path.basename(p) === name)!;
    const again = (await detectStack(dir))!;
    expect(again).toEqual(stack);
    expect(generateDockerfile(again).files).toEqual(generateDockerfile(stack).files);
  });
});
