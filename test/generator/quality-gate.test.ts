import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../tools/analyzers/index.js';
import { analyzeDockerfile } from '../../tools/analyzers/dockerfile/index.js';
import type { Finding } from '../../tools/analyzers/types.js';
import { detectStack, generateCompose, generateDockerfile, generateKubernetes } from '../../tools/generator/index.js';
import type { StackInfo } from '../../tools/generator/index.js';
import { EXAMPLES, FIXTURES, stackFixtures } from './support.js';

/** The bar: nothing at warning or above from our own analyzers, for every stack. */
const BLOCKING = new Set(['error', 'warning']);
const blocking = (findings: Finding[]) => findings.filter((f) => BLOCKING.has(f.severity)).map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`);

const projects = [
  ...(await stackFixtures()).map((n) => path.join(FIXTURES, n)),
  ...['node-api', 'python-web', 'go-service', 'poor-dockerfile'].map((n) => path.join(EXAMPLES, n)),
];
const detected: [string, StackInfo][] = [];
for (const dir of projects) detected.push([path.basename(dir), (await detectStack(dir))!]);

describe('every generated file passes our analyzers with nothing at warning or above', () => {
  it('covers all eight languages', () => {
    expect(new Set(detected.map(([, s]) => s.language)).size).toBe(8);
  });

  describe.each(detected)('%s', (_name, stack) => {
    it('Dockerfile', async () => {
      const { dockerfile } = generateDockerfile(stack);
      expect(blocking(await analyzeDockerfile(dockerfile, { file: 'Dockerfile' }))).toEqual([]);
    });

    it('Dockerfile with local base images (the engine tests use them)', async () => {
      const { dockerfile } = generateDockerfile(stack, { baseImages: { build: 'localhost/node:20-local', runtime: 'localhost/debian:bookworm-minbase' } });
      expect(blocking(await analyzeDockerfile(dockerfile, { file: 'Dockerfile' }))).toEqual([]);
    });

    it('compose.yaml', async () => {
      const { compose } = generateCompose(stack);
      expect(blocking(await checkText(compose, { kind: 'compose', file: 'compose.yaml' }))).toEqual([]);
    });

    it('Kubernetes manifests', async () => {
      const { manifest } = generateKubernetes(stack);
      expect(blocking(await checkText(manifest, { kind: 'kubernetes', file: 'k8s.yaml' }))).toEqual([]);
    });

    it('Kubernetes manifests with one replica', async () => {
      const { manifest } = generateKubernetes(stack, { replicas: 1 });
      expect(blocking(await checkText(manifest, { kind: 'kubernetes', file: 'k8s.yaml' }))).toEqual([]);
    });
  });

  it('the gate can fail: the poor example Dockerfile has warnings and errors', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path.join(EXAMPLES, 'poor-dockerfile', 'Dockerfile'), 'utf8');
    const rules = new Set(blocking(await analyzeDockerfile(text, { file: 'Dockerfile' })).map((l) => l.split(' ')[0]));
    for (const id of ['DL3007', 'DL4000', 'DL3020', 'DL3014', 'DL3003', 'DL3025', 'DL3064', 'DL4006']) expect(rules).toContain(id);
  });
});
