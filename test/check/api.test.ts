import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atOrAbove, checkPaths, checkText, explainRule, fixPaths, listRules } from '../../tools/analyzers/index.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27", imagePullPolicy: IfNotPresent}]
`;
const SERVICE = (app: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: ${app}}\n  ports: [{port: 80}]\n`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'de-api-'));
  writeFileSync(path.join(dir, 'deploy.yaml'), DEPLOYMENT);
  writeFileSync(path.join(dir, 'svc-ok.yaml'), SERVICE('web'));
  writeFileSync(path.join(dir, 'svc-bad.yaml'), SERVICE('api'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkPaths', () => {
  it('builds one object graph across files: a Service in one file sees the Deployment in another', async () => {
    const ok = await checkPaths(['deploy.yaml', 'svc-ok.yaml'], { cwd: dir });
    expect(ok.findings.filter((f) => f.rule === 'K8S-REF-SERVICE')).toEqual([]);
    const bad = await checkPaths(['deploy.yaml', 'svc-bad.yaml'], { cwd: dir });
    expect(bad.findings.filter((f) => f.rule === 'K8S-REF-SERVICE').map((f) => f.file)).toEqual(['svc-bad.yaml']);
  });

  it('findings are sorted by file, line, column', async () => {
    const r = await checkPaths(['.'], { cwd: dir });
    const keys = r.findings.map((f) => [f.file, f.line, f.column] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
  });

  it('optional checks and trusted registries are options', async () => {
    const off = await checkPaths(['deploy.yaml'], { cwd: dir });
    expect(off.findings.map((f) => f.rule)).not.toContain('K8S-IMG-PULL-POLICY');
    expect(off.findings.map((f) => f.rule)).not.toContain('K8S-IMG-REGISTRY');
    const on = await checkPaths(['deploy.yaml'], { cwd: dir, enable: ['K8S-IMG-PULL-POLICY'], trustedRegistries: ['registry.example.com'] });
    expect(on.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['K8S-IMG-PULL-POLICY', 'K8S-IMG-REGISTRY']));
  });

  it('threshold decides failed; none never fails', async () => {
    expect((await checkPaths(['svc-ok.yaml'], { cwd: dir, threshold: 'none' })).summary.failed).toBe(false);
    expect((await checkPaths(['deploy.yaml'], { cwd: dir, threshold: 'error' })).summary.failed).toBe(true);
  });
});

describe('checkText', () => {
  it('detects the kind from the name and content', async () => {
    expect((await checkText(DEPLOYMENT, { file: 'x.yaml' })).some((f) => f.rule.startsWith('K8S-'))).toBe(true);
    expect((await checkText('services:\n  a: {image: "redis"}\n', { file: 'c.yml' })).some((f) => f.rule === 'COMPOSE-IMAGE-TAG')).toBe(true);
    expect((await checkText('FROM ubuntu\n', { file: 'Dockerfile' })).some((f) => f.rule === 'DL3006')).toBe(true);
  });

  it('an explicit kind wins, and an unknown one is a single FILE-KIND finding', async () => {
    expect((await checkText('services:\n  a: {image: "redis"}\n', { file: 'whatever.txt', kind: 'compose' })).map((f) => f.rule)).toContain('COMPOSE-IMAGE-TAG');
    expect((await checkText('hello', { file: 'notes.txt' })).map((f) => f.rule)).toEqual(['FILE-KIND']);
  });
});

describe('explainRule and listRules', () => {
  it.each([
    ['K8S-SEC-PRIVILEGED', 'K8S-SEC-PRIVILEGED'],
    ['k8s-sec-privileged', 'K8S-SEC-PRIVILEGED'],
    ['CKV_K8S_16', 'K8S-SEC-PRIVILEGED'],
    ['polaris:hostPIDSet', 'K8S-SEC-HOST-PID'],
    ['kics:privileged_containers_enabled', 'COMPOSE-PRIVILEGED'],
    ['DL3006', 'DL3006'],
  ])('%s -> %s', async (id, expected) => expect((await explainRule(id))?.id).toBe(expected));

  it('an unknown id is undefined', async () => expect(await explainRule('NOPE')).toBeUndefined());

  it('rule ids are unique across the analyzers', async () => {
    const ids = (await listRules()).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('fixPaths', () => {
  it('applies the fixes and reports them', async () => {
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, 'version: "3"\nservices:\n  a:\n    image: redis:7\n');
    const r = await fixPaths(['compose.yaml'], { cwd: dir });
    expect(r.changes?.map((c) => c.rule)).toEqual(['COMPOSE-VERSION-OBSOLETE']);
    expect(readFileSync(file, 'utf8')).not.toContain('version');
  });
});

describe('atOrAbove', () => {
  it.each([
    ['error', 'info', true],
    ['style', 'info', false],
    ['info', 'info', true],
    ['warning', 'error', false],
    ['error', 'none', false],
  ] as const)('%s at threshold %s: %s', (sev, threshold, expected) => expect(atOrAbove(sev, threshold)).toBe(expected));
});
