import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HadolintConfigError, analyzeDockerfile, dockerfileRules, findDockerfileRule, loadHadolintConfig, meetsThreshold, parseHadolintConfig } from '../../tools/analyzers/dockerfile/index.js';
import { df } from './cases.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'de-hadolint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('.hadolint.yaml', () => {
  it('is found next to the Dockerfile, in .yaml or .yml', async () => {
    const a = project('a', { '.hadolint.yaml': 'ignored: [DL3008]\n' });
    const b = project('b', { '.hadolint.yml': 'ignored:\n  - DL3059\n' });
    expect((await loadHadolintConfig(a))?.ignored).toEqual(['DL3008']);
    expect((await loadHadolintConfig(b))?.ignored).toEqual(['DL3059']);
    expect((await loadHadolintConfig(a))?.file).toBe(path.join(a, '.hadolint.yaml'));
  });

  it('walks up to the project root, not beyond it', async () => {
    const root = project('walk', { '.hadolint.yaml': 'failure-threshold: error\n', 'services/api/Dockerfile': 'FROM alpine:3.20\n' });
    expect((await loadHadolintConfig(path.join(root, 'services/api'), { root }))?.failureThreshold).toBe('error');
    expect(await loadHadolintConfig(path.join(root, 'services/api'))).toBeUndefined();
    expect(await loadHadolintConfig(path.join(root, 'services/api'), { root: path.join(root, 'services') })).toBeUndefined();
  });

  it('reads every setting the analyzer uses', () => {
    const c = parseHadolintConfig(
      [
        'ignored: [DL3008, DE1007]',
        'override:',
        '  error: [DL3015]',
        '  info: [DL3057]',
        'trustedRegistries: docker.io',
        'failure-threshold: warning',
        'label-schema:',
        '  maintainer: email',
        'strict-labels: true',
        'disable-ignore-pragma: false',
        'no-color: true',
      ].join('\n'),
      'x.yaml',
    );
    expect(c).toMatchObject({ ignored: ['DL3008', 'DE1007'], override: { error: ['DL3015'], info: ['DL3057'] }, trustedRegistries: ['docker.io'], failureThreshold: 'warning', labelSchema: { maintainer: 'email' }, strictLabels: true, disableIgnorePragma: false });
  });

  it.each([
    ['ignored: [DL3008\n', 2, 'invalid YAML'],
    ['ignored: 3\n', 1, '"ignored" must be a list'],
    ['override:\n  fatal: [DL3008]\n', 2, 'override.fatal'],
    ['failure-threshold: loud\n', 1, 'failure-threshold'],
    ['\n\nignore: [DL3008]\n', 3, 'unknown setting "ignore"'],
    ['label-schema:\n  maintainer: phone\n', 2, 'label-schema.maintainer'],
    ['strict-labels: yes please\n', 1, 'strict-labels'],
  ])('rejects %j with the file, line and field', (text, line, msg) => {
    let err: unknown;
    try {
      parseHadolintConfig(text, '/p/.hadolint.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HadolintConfigError);
    expect((err as HadolintConfigError).line).toBe(line);
    expect((err as Error).message).toContain('/p/.hadolint.yaml:');
    expect((err as Error).message).toContain(msg);
  });

  it('ignored, override and aliases change what is reported', async () => {
    const src = df('FROM node:22', 'RUN apt-get install -y curl', 'CMD node app.js');
    const plain = await analyzeDockerfile(src, { file: 'D' });
    expect(plain.find((f) => f.rule === 'DL3015')?.severity).toBe('info');
    const tuned = await analyzeDockerfile(src, { file: 'D', config: { ignored: ['DL3008', 'JSONArgsRecommended'], override: { error: ['DL3015'], info: ['DL3057'] } } });
    expect(tuned.find((f) => f.rule === 'DL3008')).toBeUndefined();
    expect(tuned.find((f) => f.rule === 'DL3025')).toBeUndefined();
    expect(tuned.find((f) => f.rule === 'DL3015')?.severity).toBe('error');
    expect(tuned.find((f) => f.rule === 'DL3057')?.severity).toBe('info');
    expect(plain.find((f) => f.rule === 'DL3057')).toBeUndefined();
  });

  it('meetsThreshold follows hadolint (default info; none never fails)', () => {
    expect(meetsThreshold('warning', 'warning')).toBe(true);
    expect(meetsThreshold('info', 'warning')).toBe(false);
    expect(meetsThreshold('style', undefined)).toBe(false);
    expect(meetsThreshold('info', undefined)).toBe(true);
    expect(meetsThreshold('error', 'none')).toBe(false);
  });
});

describe('rule catalogue', () => {
  it('lists every rule once with a description, and finds rules by id or alias', () => {
    expect(dockerfileRules.length).toBeGreaterThanOrEqual(55);
    expect(new Set(dockerfileRules.map((r) => r.id)).size).toBe(dockerfileRules.length);
    for (const r of dockerfileRules) expect(r.description.length, r.id).toBeGreaterThan(15);
    expect(findDockerfileRule('dl3020')?.id).toBe('DL3020');
    expect(findDockerfileRule('JSONArgsRecommended')?.id).toBe('DL3025');
    expect(findDockerfileRule('CKV2_DOCKER_17')?.id).toBe('DE1012');
    expect(findDockerfileRule('DL9999')).toBeUndefined();
  });
});
