import { mkdir, symlink } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GLOB_MAX_RESULTS, createGlobTool, globTool } from '../../tools/fs/index.js';
import { makeSandbox, type Sandbox } from './helpers.js';

let sandbox: Sandbox;
let outside: Sandbox;
beforeEach(async () => {
  sandbox = await makeSandbox();
  outside = await makeSandbox('glob-outside-');
});
afterEach(async () => {
  await sandbox.cleanup();
  await outside.cleanup();
});

const lines = (content: string): string[] => content.split('\n');

describe('Glob', () => {
  test('sorts by modification time, newest first, ties by path', async () => {
    await sandbox.write('old.ts', '', 1_000);
    await sandbox.write('new.ts', '', 3_000);
    await sandbox.write('mid/b.ts', '', 2_000);
    await sandbox.write('mid/a.ts', '', 2_000);
    expect(lines((await sandbox.run(globTool, { pattern: '**/*.ts' })).content)).toEqual(['new.ts', 'mid/a.ts', 'mid/b.ts', 'old.ts']);
  });

  test.each([
    { pattern: '*.yaml', expected: ['root.yaml'] },
    { pattern: '**/*.yaml', expected: ['k8s/deploy.yaml', 'root.yaml'] },
    { pattern: 'k8s/*.{yaml,yml}', expected: ['k8s/deploy.yaml', 'k8s/svc.yml'] },
    { pattern: '**/Dockerfile*', expected: ['Dockerfile', 'docker/Dockerfile.prod'] },
    { pattern: '**/.*', expected: ['.dockerignore', '.hidden/.x'] },
    { pattern: './*.yaml', expected: ['root.yaml'] },
    { pattern: 'k8s/*.y?(a)ml', expected: ['k8s/deploy.yaml', 'k8s/svc.yml'] },
    { pattern: '**/{Dockerfile,*.prod}', expected: ['Dockerfile', 'docker/Dockerfile.prod'] },
    { pattern: 'Dockerfile', expected: ['Dockerfile'] },
    { pattern: 'docker/Dockerfile.prod', expected: ['docker/Dockerfile.prod'] },
    { pattern: 'k8s/deploy.yaml', expected: ['k8s/deploy.yaml'] },
    { pattern: '*/*.yml', expected: ['k8s/svc.yml'] },
    { pattern: '{k8s,docker}/*', expected: ['docker/Dockerfile.prod', 'k8s/deploy.yaml', 'k8s/svc.yml'] },
    { pattern: 'nope/*.yaml', expected: ['No files found'] },
  ])('pattern $pattern', async ({ pattern, expected }) => {
    for (const [i, rel] of ['root.yaml', 'k8s/deploy.yaml', 'k8s/svc.yml', 'Dockerfile', 'docker/Dockerfile.prod', '.dockerignore', '.hidden/.x'].entries()) {
      await sandbox.write(rel, '', 1_000 + i);
    }
    const found = lines((await sandbox.run(globTool, { pattern })).content).sort();
    expect(found).toEqual([...expected].sort());
  });

  test('skips .git and node_modules, does not apply .gitignore, includes hidden files', async () => {
    await sandbox.write('.gitignore', 'dist/\n');
    await sandbox.write('.git/config', '');
    await sandbox.write('node_modules/x/index.js', '');
    await sandbox.write('sub/node_modules/y/index.js', '');
    await sandbox.write('dist/app.js', '');
    await sandbox.write('src/app.js', '');
    const found = lines((await sandbox.run(globTool, { pattern: '**/*' })).content).sort();
    expect(found).toEqual(['.gitignore', 'dist/app.js', 'src/app.js']);
  });

  test('the pattern is relative to path', async () => {
    await sandbox.write('svc/a/Dockerfile', '');
    await sandbox.write('svc/b/Dockerfile', '');
    await sandbox.write('Dockerfile', '');
    const found = lines((await sandbox.run(globTool, { pattern: '*/Dockerfile', path: 'svc' })).content).sort();
    expect(found).toEqual(['svc/a/Dockerfile', 'svc/b/Dockerfile']);
  });

  test(`caps the list at ${GLOB_MAX_RESULTS} and says it was truncated (edge: exactly the cap is not truncated)`, async () => {
    for (let i = 0; i < GLOB_MAX_RESULTS; i += 1) await sandbox.write(`f${String(i).padStart(3, '0')}.txt`, '');
    const exact = lines((await sandbox.run(globTool, { pattern: '*.txt' })).content);
    expect(exact).toHaveLength(GLOB_MAX_RESULTS);
    expect(exact.join('\n')).not.toContain('truncated');
    await sandbox.write('one-more.txt', '');
    const over = lines((await sandbox.run(globTool, { pattern: '*.txt' })).content);
    expect(over).toHaveLength(GLOB_MAX_RESULTS + 1);
    expect(over.at(-1)).toContain(`Results are truncated: showing ${GLOB_MAX_RESULTS} of ${GLOB_MAX_RESULTS + 1}`);
  });

  test('the visited-entries limit, at its edge', async () => {
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await sandbox.write(name, '');
    expect((await sandbox.run(createGlobTool({ maxVisited: 3 }), { pattern: '*.txt' })).content).not.toContain('stopped');
    const cut = (await sandbox.run(createGlobTool({ maxVisited: 2 }), { pattern: '*.txt' })).content;
    expect(cut).toContain('stopped after visiting 2 entries');
    expect(lines(cut).filter((l) => l.endsWith('.txt'))).toHaveLength(2);
  });

  test('the walk stays where the pattern can match (literal prefix, no globstar = bounded depth)', async () => {
    await sandbox.write('a.txt', '');
    await sandbox.write('src/b.ts', '');
    for (let i = 0; i < 5; i += 1) await sandbox.write(`deep/d${i}/x.txt`, '');
    // Root has 3 entries (a.txt, src, deep): with a budget of 3, only a walk that skips deep/ completes.
    const tight = createGlobTool({ maxVisited: 3 });
    expect((await sandbox.run(tight, { pattern: '*.txt' })).content).toBe('a.txt');
    expect((await sandbox.run(tight, { pattern: 'src/**/*.ts' })).content).toBe('src/b.ts');
    expect((await sandbox.run(tight, { pattern: '**/*.txt' })).content).toContain('stopped after visiting 3 entries');
  });

  test('the session folder inside the project is not listed', async () => {
    await sandbox.write('.docker-expert/sessions/abc/transcript.jsonl', '');
    await sandbox.write('.docker-expert/keep.txt', '');
    const result = await sandbox.run(globTool, { pattern: '**/*' });
    expect(result.content).toContain('.docker-expert/keep.txt'); // the check below could fail: the walk does enter .docker-expert
    const withSession = await globTool.call({ pattern: '**/*' }, { ...sandbox.ctx, sessionDir: sandbox.path('.docker-expert/sessions/abc') });
    expect(lines(withSession.content)).toEqual(['.docker-expert/keep.txt']);
  });

  test('symlinked folders are not entered', async () => {
    await outside.write('elsewhere/secret.txt', '');
    await symlink(outside.path('elsewhere'), sandbox.path('link'));
    await sandbox.write('own.txt', '');
    expect(lines((await sandbox.run(globTool, { pattern: '**/*.txt' })).content)).toEqual(['own.txt']);
  });

  test.each([
    { name: 'an absolute pattern outside the folder', pattern: () => `${outside.root}/**/*`, error: /must be inside the searched folder/ },
    { name: 'a pattern climbing out with ..', pattern: () => '../**/*', error: /may not contain "\.\."/ },
    { name: 'a pattern climbing out in the middle', pattern: () => 'src/../../x', error: /may not contain "\.\."/ },
  ])('refuses $name', async ({ pattern, error }) => {
    await outside.write('passwd', '');
    const result = await sandbox.run(globTool, { pattern: pattern() });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(error);
  });

  test('an absolute pattern inside the folder works', async () => {
    await sandbox.write('src/a.ts', '');
    expect((await sandbox.run(globTool, { pattern: `${sandbox.root}/src/*.ts` })).content).toBe('src/a.ts');
  });

  test('no match, a file as path, a missing path', async () => {
    await sandbox.write('a.txt', '');
    await mkdir(sandbox.path('empty'));
    expect((await sandbox.run(globTool, { pattern: '*.md' })).content).toBe('No files found');
    expect((await sandbox.run(globTool, { pattern: '*', path: 'a.txt' })).content).toMatch(/path must be a folder/);
    const missing = await sandbox.run(globTool, { pattern: '*', path: 'nope' });
    expect(missing.isError).toBe(true);
    expect(missing.content).toContain('nope');
  });

  test('read-only and concurrency safe', () => {
    expect(globTool.isReadOnly({ pattern: '*' })).toBe(true);
    expect(globTool.isConcurrencySafe({ pattern: '*' })).toBe(true);
  });
});
