import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSarif } from './sarif-validate.js';

const BIN = path.resolve('bin/docker-expert.js');
let dir: string;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:latest
          securityContext:
            privileged: true
`;

/** A Compose file whose only finding is a warning (CHOWN added). */
const WARN_ONLY = `services:
  app:
    image: registry.example.com/app:1.0
    read_only: true
    restart: unless-stopped
    cap_add: [CHOWN]
    security_opt: ["no-new-privileges:true"]
    healthcheck:
      test: ["CMD", "true"]
    deploy:
      resources:
        limits: {memory: 128M}
`;

function write(rel: string, content: string | Buffer): void {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

const check = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [BIN, 'check', ...args], { cwd: dir, reject: false, env: { NO_COLOR: '', FORCE_COLOR: '', ...env }, extendEnv: true });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'de-check-'));
  write('Dockerfile', 'FROM node:20\nMAINTAINER someone\nCOPY . /app\nCMD node /app/server.js\n');
  write('compose.yaml', 'services:\n  db:\n    image: postgres\n    ports: ["5432:5432"]\n    environment:\n      POSTGRES_PASSWORD: hunter2\n');
  write('k8s/deploy.yaml', DEPLOYMENT);
  write('k8s/broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n spec: [\n');
  write('warn/compose.yaml', WARN_ONLY);
  write('node_modules/pkg/deploy.yaml', DEPLOYMENT);
  write('.git/hooks/deploy.yaml', DEPLOYMENT);
  write('README.md', '# not analyzed\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docker-expert check --format json', () => {
  it('walks the folder, finds all three kinds, skips node_modules and .git, exits 1', async () => {
    const r = await check(['--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    const paths = report.files.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['Dockerfile', 'compose.yaml', 'k8s/broken.yaml', 'k8s/deploy.yaml', 'warn/compose.yaml']);
    expect(report.files.find((f: { path: string }) => f.path === 'k8s/deploy.yaml').kind).toBe('kubernetes');
    const rules = new Set(report.findings.map((f: { rule: string }) => f.rule));
    for (const id of ['DL4000', 'COMPOSE-SECRET-ENV', 'COMPOSE-DB-PUBLISHED', 'K8S-SEC-PRIVILEGED', 'K8S-IMG-TAG', 'YAML-PARSE']) expect(rules).toContain(id);
    const priv = report.findings.find((f: { rule: string }) => f.rule === 'K8S-SEC-PRIVILEGED');
    expect(priv).toMatchObject({ file: 'k8s/deploy.yaml', line: 17, column: 13, severity: 'error' });
    expect(priv.aliases).toContain('KSV-0017');
    const s = report.summary;
    expect(s.findings).toBe(report.findings.length);
    expect(s.bySeverity.error + s.bySeverity.warning + s.bySeverity.info + s.bySeverity.style).toBe(s.findings);
    expect(s).toMatchObject({ threshold: 'warning', failed: true, byKind: { dockerfile: 1, compose: 2, kubernetes: 2 } });
  });

  it('an explicit file of no known kind is reported, and fails the gate (a CI step that names it must not pass)', async () => {
    const r = await check(['README.md', '--format', 'json', '--failure-threshold', 'warning']);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['FILE-KIND']);
    expect(r.exitCode).toBe(1);
  });

  it('a missing path is a usage error (exit 2); a non-UTF-8 Dockerfile is a finding, not a crash', async () => {
    expect((await check(['nope', '--format', 'json'])).exitCode).toBe(2);
    write('bin/Dockerfile', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]));
    const r = await check(['bin/Dockerfile', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`).sort()).toEqual(['FILE-READ bin/Dockerfile']);
  });
});

describe.concurrent('failure threshold and exit codes (read-only: run side by side)', () => {
  it.each([
    ['error', 0],
    ['warning', 1],
    ['info', 1],
    ['style', 1],
    ['none', 0],
  ])('warning-only file at threshold %s exits %i', async (threshold, code) => {
    const r = await check(['warn/compose.yaml', '--failure-threshold', threshold, '--format', 'json']);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['COMPOSE-CAP-ADD']);
    expect(r.exitCode).toBe(code);
  });

  it('errors fail the error threshold', async () => {
    const r = await check(['k8s/deploy.yaml', '--failure-threshold', 'error']);
    expect(r.exitCode).toBe(1);
  });

  it.each([
    [['--format', 'xml'], /--format/],
    [['--failure-threshold', 'fatal'], /--failure-threshold/],
    [['--max-files', '0'], /--max-files/],
    [['--bogus'], /bogus/],
  ])('bad usage %j exits 2', async (args, re) => {
    const r = await check(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(re);
  });

  it('a broken .hadolint.yaml exits 2 naming the file', async () => {
    const sub = mkdtempSync(path.join(tmpdir(), 'de-badcfg-'));
    try {
      writeFileSync(path.join(sub, 'Dockerfile'), 'FROM alpine:3.20\n');
      writeFileSync(path.join(sub, '.hadolint.yaml'), '- just\n- a list\n');
      const r = await check(['Dockerfile', '--cwd', sub]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(path.join(sub, '.hadolint.yaml'));
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });
});

describe('docker-expert check --format sarif', () => {
  it('is valid SARIF 2.1.0 with relative URIs, one result per finding', async () => {
    const [s, j] = await Promise.all([check(['--format', 'sarif']), check(['--format', 'json'])]);
    expect(s.exitCode).toBe(1);
    const log = JSON.parse(s.stdout);
    expect(validateSarif(log)).toEqual([]);
    const findings = JSON.parse(j.stdout).findings;
    const results = log.runs[0].results;
    expect(results).toHaveLength(findings.length);
    const uris = new Set(results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect(uris).toContain('k8s/deploy.yaml');
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${dir}/`);
    const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'DL4000');
    expect(rule.helpUri).toBe('https://github.com/hadolint/hadolint/wiki/DL4000');
    expect(rule.defaultConfiguration.level).toMatch(/^(error|warning|note)$/);
  });
});

describe('docker-expert check text output', () => {
  it('groups by file with no colour when not a terminal', async () => {
    const r = await check(['k8s/deploy.yaml', 'compose.yaml']);
    expect(r.stdout).not.toContain('\x1b[');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('k8s/deploy.yaml');
    expect(lines).toContain('compose.yaml');
    expect(r.stdout).toMatch(/17:13\s+error\s+K8S-SEC-PRIVILEGED/);
    expect(lines.at(-1)).toMatch(/findings? \(.*\) in 2 files - failing at threshold warning$/);
  });

  it('colours with FORCE_COLOR, and NO_COLOR wins over it', async () => {
    const forced = await check(['k8s/deploy.yaml'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\x1b[31m');
    const none = await check(['k8s/deploy.yaml'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(none.stdout).not.toContain('\x1b[');
  });

  it("keeps stderr clean of Node's warning that its own colours ignore NO_COLOR under FORCE_COLOR (Node 22, 24)", async () => {
    // Node 22 warns when both are set, even empty; Node 24 when NO_COLOR is not empty; Node 20 never. Our rule differs.
    for (const env of [{ FORCE_COLOR: '1', NO_COLOR: '1' }, { FORCE_COLOR: '', NO_COLOR: '1' }, { FORCE_COLOR: '', NO_COLOR: '' }]) {
      const r = await check(['k8s/deploy.yaml'], env);
      expect(r.exitCode, JSON.stringify(env)).toBe(1);
      expect(r.stderr, JSON.stringify(env)).toBe('');
    }
  });
});

describe('docker-expert check --fix', () => {
  it('rewrites a copy of a Dockerfile, reports each change, and leaves fewer findings', async () => {
    write('fixme/Dockerfile', 'FROM node:20\nMAINTAINER someone\nADD server.js /app/\nCMD node /app/server.js\n');
    const before = JSON.parse((await check(['fixme/Dockerfile', '--format', 'json'])).stdout);
    const r = await check(['fixme/Dockerfile', '--fix', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.changes.length).toBeGreaterThan(0);
    for (const c of report.changes) expect(c).toMatchObject({ file: 'fixme/Dockerfile', rule: expect.any(String), description: expect.any(String) });
    const fixed = readFileSync(path.join(dir, 'fixme/Dockerfile'), 'utf8');
    expect(fixed).not.toContain('MAINTAINER');
    expect(report.summary.fixed).toBe(report.changes.length);
    expect(report.findings.length).toBeLessThan(before.findings.length);
    const rulesLeft = new Set(report.findings.map((f: { rule: string }) => f.rule));
    expect(rulesLeft).not.toContain('DL4000');
  });

  it('removes an obsolete Compose version: line', async () => {
    write('fixcompose/compose.yaml', '# stack\nversion: "3.9"\nservices:\n  web:\n    image: nginx:1.27\n');
    const r = await check(['fixcompose', '--fix', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.changes).toEqual([{ file: 'fixcompose/compose.yaml', rule: 'COMPOSE-VERSION-OBSOLETE', line: 2, description: expect.any(String) }]);
    expect(readFileSync(path.join(dir, 'fixcompose/compose.yaml'), 'utf8')).toBe('# stack\nservices:\n  web:\n    image: nginx:1.27\n');
  });

  it('text output lists the fixes', async () => {
    write('fixme2/Dockerfile', 'FROM node:20\nMAINTAINER someone\n');
    const r = await check(['fixme2/Dockerfile', '--fix']);
    expect(r.stdout).toMatch(/Fixed:\n\s+fixme2\/Dockerfile:2\s+DL4000/);
    expect(r.stdout).toMatch(/\b1 fix applied/);
  });
});

describe('docker-expert check --explain', () => {
  it('finds a rule by an upstream alias', async () => {
    const r = await check(['--explain', 'KSV-0017', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'K8S-SEC-PRIVILEGED', kind: 'kubernetes', severity: 'error' });
  });
  it('--list-rules lists the rules of all three analyzers', async () => {
    const r = await check(['--list-rules', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const rules = JSON.parse(r.stdout) as { id: string; kind: string }[];
    const kinds = new Map<string, number>();
    for (const x of rules) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
    expect(kinds.get('kubernetes')).toBeGreaterThanOrEqual(45);
    expect(kinds.get('compose')).toBeGreaterThanOrEqual(15);
    expect(kinds.get('dockerfile')).toBeGreaterThan(0);
  });
  it('an unknown id exits 2', async () => {
    const r = await check(['--explain', 'NOPE-1']);
    expect(r.exitCode).toBe(2);
  });
});
