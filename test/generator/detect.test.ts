import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectStack,
  FileTooLargeError,
  MAX_PROJECT_FILE_BYTES,
  MAX_SCAN_DEPTH,
  MAX_SOURCE_FILES_SCANNED,
  StackDetectionError,
} from '../../tools/generator/index.js';
import type { StackInfo } from '../../tools/generator/index.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

/** Expected facts per fixture project: each one is derived from a file in that fixture. */
const CASES: [string, Partial<StackInfo> & Record<string, unknown>][] = [
  ['node-npm', {
    language: 'node', packageManager: 'npm', name: 'orders-api', appVersion: '1.4.0', version: '22', lockfile: 'package-lock.json',
    entrypoint: 'server.js', port: 4000, healthPath: '/healthz', startCommand: ['node', 'server.js'], framework: 'express',
    hasBuildScript: false, isService: true,
  }],
  ['node-pnpm', {
    language: 'node', packageManager: 'pnpm', name: 'storefront', version: '20.11.1', lockfile: 'pnpm-lock.yaml', port: 3000,
    framework: 'next', startCommand: ['node_modules/.bin/next', 'start'], buildCommand: 'pnpm build', hasBuildScript: true,
    packageManagerSpec: 'pnpm@9.12.0',
  }],
  ['node-yarn-berry', {
    language: 'node', packageManager: 'yarn', yarnFlavor: 'berry', esm: true, port: 8081, healthPath: '/ping',
    entrypoint: 'src/index.js', framework: 'fastify',
  }],
  ['node-yarn-classic', {
    language: 'node', packageManager: 'yarn', yarnFlavor: 'classic', version: '20', entrypoint: 'dist/main.js', framework: 'koa',
    hasBuildScript: true,
  }],
  ['python-pip', {
    language: 'python', packageManager: 'pip', requirementsFile: 'requirements.txt', version: '3.11.9', framework: 'flask',
    port: 5050, healthPath: '/health', appModule: 'app:app', startCommand: ['gunicorn', '--bind', '0.0.0.0:5050', 'app:app'],
  }],
  ['python-poetry', {
    language: 'python', packageManager: 'poetry', lockfile: 'poetry.lock', name: 'inventory-service', appVersion: '0.9.1',
    version: '3.12', framework: 'fastapi', port: 8000, healthPath: '/healthz',
    startCommand: ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000'],
  }],
  ['python-uv', { language: 'python', packageManager: 'uv', lockfile: 'uv.lock', version: '3.11', framework: 'starlette', appModule: 'app:app' }],
  ['python-pipenv', {
    language: 'python', packageManager: 'pip', pipfile: true, lockfile: 'Pipfile.lock', version: '3.11', framework: 'flask',
    port: 5000, healthPath: '/healthz', appModule: 'app:app',
  }],
  ['python-django', {
    language: 'python', framework: 'django', entrypoint: 'manage.py', port: 8000, appModule: 'mysite.wsgi:application',
    startCommand: ['gunicorn', '--bind', '0.0.0.0:8000', 'mysite.wsgi:application'],
  }],
  ['go-mod', {
    language: 'go', name: 'billing-svc', modulePath: 'github.com/acme/billing-svc', version: '1.22', mainPackage: './cmd/api',
    binaryName: 'api', hasGoSum: true, port: 9090, healthPath: '/healthz', isService: true,
  }],
  ['java-maven', {
    language: 'java', packageManager: 'maven', name: 'catalog', version: '17', jarName: 'catalog-2.1.0.jar', port: 8085,
    healthPath: '/actuator/health', framework: 'spring-boot', hasWrapper: false,
  }],
  ['java-gradle', {
    language: 'java', packageManager: 'gradle', name: 'ledger', version: '21', jarName: 'ledger-0.0.1.jar', kotlinDsl: true,
    hasWrapper: true, port: 8080, framework: 'spring-boot',
  }],
  ['rust-axum', {
    language: 'rust', name: 'edge-proxy', binaryName: 'edge-proxy', edition: '2021', hasCargoLock: true, port: 7000,
    healthPath: '/health', framework: 'axum', version: '1.85',
  }],
  ['dotnet-web', {
    language: 'dotnet', projectFile: 'src/Shop.Api/Shop.Api.csproj', assemblyName: 'Shop.Api', targetFramework: 'net8.0',
    version: '8.0', isWeb: true, port: 8080, healthPath: '/healthz', startCommand: ['dotnet', '/app/Shop.Api.dll'],
  }],
  ['php-laravel', { language: 'php', packageManager: 'composer', name: 'blog', version: '8.3', framework: 'laravel', documentRoot: 'public', lockfile: 'composer.lock' }],
  ['ruby-rails', {
    language: 'ruby', packageManager: 'bundler', version: '3.2.4', rails: true, rack: true, framework: 'rails', port: 3000,
    healthPath: undefined, startCommand: ['bundle', 'exec', 'rails', 'server', '-b', '0.0.0.0', '-p', '3000'],
  }],
];

describe('detectStack on fixture projects', () => {
  it.each(CASES)('%s', async (name, expected) => {
    const stack = await detectStack(fixture(name));
    expect(stack).toMatchObject(expected);
    // Every conclusion is backed by evidence naming a real file of the fixture.
    expect(stack!.evidence.length).toBeGreaterThan(0);
    for (const e of stack!.evidence) expect(e.file).not.toMatch(/^\//);
  });

  it('examples/ apps are detected with their port and health route', async () => {
    const root = path.join(import.meta.dirname, '../../examples');
    expect(await detectStack(path.join(root, 'node-api'))).toMatchObject({ language: 'node', port: 3000, healthPath: '/health' });
    expect(await detectStack(path.join(root, 'python-web'))).toMatchObject({ language: 'python', port: 8080, healthPath: '/health', version: '3.11' });
    expect(await detectStack(path.join(root, 'go-service'))).toMatchObject({ language: 'go', port: 8080, healthPath: '/health', hasGoSum: false, mainPackage: '.' });
  });

  it('a Java version in an XML comment is ignored (the pom is parsed, not grepped)', async () => {
    const stack = await detectStack(fixture('java-maven'));
    expect(stack?.version).toBe('17');
  });

  it('returns undefined for a folder with no known manifest', async () => {
    expect(await detectStack(fixture('empty'))).toBeUndefined();
  });

  it('language narrows detection to one ecosystem', async () => {
    expect(await detectStack(fixture('node-npm'), { language: 'python' })).toBeUndefined();
    expect((await detectStack(fixture('node-npm'), { language: 'node' }))?.language).toBe('node');
  });
});

describe('bad manifests give errors naming the file and line', () => {
  it('package.json with invalid JSON', async () => {
    const err = await detectStack(fixture('bad-package-json')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackDetectionError);
    expect((err as StackDetectionError).file).toBe('package.json');
    expect((err as StackDetectionError).line).toBe(3);
    expect((err as Error).message).toMatch(/^package\.json:3: invalid JSON/);
  });

  it('Cargo.toml with invalid TOML', async () => {
    const err = (await detectStack(fixture('bad-cargo')).catch((e: unknown) => e)) as StackDetectionError;
    expect(err).toBeInstanceOf(StackDetectionError);
    expect(err.message).toMatch(/^Cargo\.toml:3: invalid TOML/);
  });

  it('pom.xml with a mismatched closing tag', async () => {
    const err = (await detectStack(fixture('bad-pom')).catch((e: unknown) => e)) as StackDetectionError;
    expect(err).toBeInstanceOf(StackDetectionError);
    expect(err.message).toMatch(/^pom\.xml:3: invalid XML/);
  });
});

describe('limits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'detect-limits-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('defaults are named constants', () => {
    expect(MAX_PROJECT_FILE_BYTES).toBe(1024 * 1024);
    expect(MAX_SOURCE_FILES_SCANNED).toBe(200);
    expect(MAX_SCAN_DEPTH).toBe(4);
  });

  it('a manifest of exactly maxFileBytes is read; one byte more is refused with the file named', async () => {
    const project = path.join(dir, 'size');
    await mkdir(project, { recursive: true });
    const text = JSON.stringify({ name: 'sized', version: '1.0.0', main: 'index.js' });
    await writeFile(path.join(project, 'package.json'), text);
    const size = Buffer.byteLength(text);
    expect((await detectStack(project, { maxFileBytes: size }))?.name).toBe('sized');
    const err = await detectStack(project, { maxFileBytes: size - 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect((err as Error).message).toContain('package.json');
  });

  it('maxSourceFiles bounds how many files are read for hints', async () => {
    const project = path.join(dir, 'many');
    await mkdir(project, { recursive: true });
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'many' }));
    // Sorted names: a.js, b.js come before z.js, which alone holds the port.
    await writeFile(path.join(project, 'a.js'), '// nothing');
    await writeFile(path.join(project, 'b.js'), '// nothing');
    await writeFile(path.join(project, 'z.js'), 'server.listen(process.env.PORT || 4321)');
    expect((await detectStack(project, { maxSourceFiles: 3 }))?.port).toBe(4321);
    expect((await detectStack(project, { maxSourceFiles: 2 }))?.port).toBeUndefined();
  });

  it('tests, fixtures and examples are not taken for the app (their ports are not its port)', async () => {
    const project = path.join(dir, 'with-tests');
    await mkdir(path.join(project, 'test', 'fixtures'), { recursive: true });
    await mkdir(path.join(project, 'examples'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'lib', bin: { lib: 'cli.js' } }));
    await writeFile(path.join(project, 'test', 'fixtures', 'server.js'), 'app.listen(process.env.PORT || 4444)');
    await writeFile(path.join(project, 'examples', 'demo.js'), 'app.listen(5555)');
    const stack = await detectStack(project);
    expect(stack?.port).toBeUndefined();
    expect(stack?.isService).toBe(false);
  });

  it('maxScanDepth bounds how deep source files are looked for', async () => {
    const project = path.join(dir, 'deep');
    await mkdir(path.join(project, 'a', 'b'), { recursive: true });
    await writeFile(path.join(project, 'go.mod'), 'module example.com/deep\n\ngo 1.23\n');
    await writeFile(path.join(project, 'a', 'b', 'main.go'), 'package main\n\nfunc main() {}\n');
    expect(await detectStack(project, { maxScanDepth: 2 })).toMatchObject({ mainPackage: './a/b' });
    expect(await detectStack(project, { maxScanDepth: 1 })).toMatchObject({ mainPackage: '.' });
  });
});
