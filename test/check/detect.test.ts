import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles, DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_BYTES, detectKind, kindFromName } from '../../tools/analyzers/detect.js';

describe('kindFromName', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['worker.containerfile', 'dockerfile'],
    ['Containerfile.dev', 'dockerfile'],
    ['deploy.yaml', 'yaml'],
    ['compose.YML', 'yaml'],
    ['Dockerfile.dockerignore', undefined],
    ['Dockerfile.md', undefined],
    ['README.md', undefined],
    ['dockerfiles.txt', undefined],
  ])('%s -> %s', (name, kind) => expect(kindFromName(`/x/${name}`)).toBe(kind));
});

describe('detectKind by content', () => {
  it.each([
    ['k8s.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n', 'kubernetes'],
    ['second-doc.yaml', '# header\n---\nfoo: 1\n---\napiVersion: apps/v1\nkind: Deployment\n', 'kubernetes'],
    ['stack.yml', 'services:\n  web:\n    image: nginx:1\n', 'compose'],
    ['docker-compose.override.yml', 'x-anchors: &a {}\n', 'compose'],
    ['values.yaml', 'replicaCount: 1\nimage: {tag: x}\n', 'unknown'],
    ['chart.yaml', 'apiVersion: v2\nname: c\n', 'unknown'],
    ['tpl.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n', 'kubernetes'],
    ['broken.yaml', 'services:\n  web: [\n', 'compose'],
    ['services-list.yaml', 'services:\n  - a\n', 'unknown'],
  ])('%s is %s', (file, text, kind) => expect(detectKind(file, text)).toBe(kind));
});

describe('collectFiles', () => {
  let dir: string;
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'de-detect-'));
    for (let i = 0; i < 5; i++) write(`many/f${i}.Dockerfile`, 'FROM alpine:3.20\n');
    write('node_modules/x/Dockerfile', 'FROM alpine:3.20\n');
    write('.git/Dockerfile', 'FROM alpine:3.20\n');
    write('vendor/app/Dockerfile', 'FROM alpine:3.20\n');
    write('notes.txt', 'hi');
    write('big/Dockerfile', `FROM alpine:3.20\n${'# pad\n'.repeat(20)}`);
    write('elsewhere/Dockerfile', 'FROM alpine:3.20\n');
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'linked'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders in name order, skipping node_modules and .git and not following symlinks', async () => {
    const c = await collectFiles(['.'], { cwd: dir });
    const paths = c.files.map((f) => f.path);
    expect(paths).toContain('vendor/app/Dockerfile');
    expect(paths).not.toContain('node_modules/x/Dockerfile');
    expect(paths).not.toContain('.git/Dockerfile');
    expect(paths.filter((p) => p.startsWith('linked/'))).toEqual([]);
    expect(paths).not.toContain('notes.txt');
    expect(c.findings).toEqual([]);
  });

  it('the file limit: exactly at it is fine, one over stops with a warning', async () => {
    const at = await collectFiles(['many'], { cwd: dir, maxFiles: 5 });
    expect(at.files).toHaveLength(5);
    expect(at.findings).toEqual([]);
    const over = await collectFiles(['many'], { cwd: dir, maxFiles: 4 });
    expect(over.files).toHaveLength(4);
    expect(over.findings).toHaveLength(1);
    expect(over.findings[0]).toMatchObject({ rule: 'FILE-LIMIT', severity: 'warning' });
    expect(over.findings[0].message).toContain('4 files');
  });

  it('the size limit: a file of exactly the limit is read, one byte less of limit is not', async () => {
    const size = 'FROM alpine:3.20\n'.length + '# pad\n'.length * 20;
    const at = await collectFiles(['big/Dockerfile'], { cwd: dir, maxFileBytes: size });
    expect(at.files[0].text).toBeDefined();
    expect(at.findings).toEqual([]);
    const over = await collectFiles(['big/Dockerfile'], { cwd: dir, maxFileBytes: size - 1 });
    expect(over.files[0].text).toBeUndefined();
    expect(over.findings[0]).toMatchObject({ rule: 'FILE-LIMIT', file: 'big/Dockerfile' });
  });

  it('defaults are named and sane', () => {
    expect(DEFAULT_MAX_FILES).toBe(2000);
    expect(DEFAULT_MAX_FILE_BYTES).toBe(2 * 1024 * 1024);
  });

  it('an explicit symlinked file is followed (the user named it)', async () => {
    const c = await collectFiles(['linked/Dockerfile'], { cwd: dir });
    expect(c.files.map((f) => f.kind)).toEqual(['dockerfile']);
  });

  it('an explicit symlinked folder is walked (the user named it)', async () => {
    const c = await collectFiles(['linked'], { cwd: dir });
    expect(c.files.map((f) => f.path)).toEqual(['linked/Dockerfile']);
    expect(c.findings).toEqual([]);
  });

  it('paths outside cwd are reported absolute', async () => {
    const c = await collectFiles([path.join(dir, 'elsewhere/Dockerfile')], { cwd: path.join(dir, 'many') });
    expect(c.files[0].path).toBe(path.join(dir, 'elsewhere/Dockerfile'));
  });
});

describe('a top-level services map that is not Compose', () => {
  it('azure.yaml (services with project/language/host) is not compose; a services map with Compose keys is', () => {
    const azd = 'name: quickstart\nmetadata:\n  template: quickstart@0.0.1\nservices:\n  web:\n    project: .\n    language: python\n    host: appservice\n';
    expect(detectKind('azure.yaml', azd)).toBe('unknown');
    expect(detectKind('stack.yaml', 'services:\n  web:\n    image: nginx:1.27\n')).toBe('compose');
    expect(detectKind('stack.yaml', 'services:\n  web:\n    build: .\n')).toBe('compose');
    expect(detectKind('compose.yaml', azd)).toBe('compose');
  });
});
