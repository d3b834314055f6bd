import { describe, expect, test } from 'vitest';
import { GlobOverrides, expandBraces, gitignoreVerdict, parseGitignore } from '../../tools/fs/grep/glob-rules.js';
import { splitGlobs } from '../../tools/fs/grep.js';

describe('gitignore rules, path by path', () => {
  const rules = parseGitignore(['# comment', '', 'node_modules/', '*.log', '!keep.log', '/build', 'docs/*.md', 'trailing   ', '\\#literal'].join('\n'));
  test.each([
    { path: 'node_modules', isDir: true, verdict: 'ignore' },
    { path: 'node_modules', isDir: false, verdict: 'none' },
    { path: 'a/node_modules', isDir: true, verdict: 'ignore' },
    { path: 'x.log', isDir: false, verdict: 'ignore' },
    { path: 'deep/x.log', isDir: false, verdict: 'ignore' },
    { path: 'keep.log', isDir: false, verdict: 'whitelist' },
    { path: 'build', isDir: true, verdict: 'ignore' },
    { path: 'sub/build', isDir: true, verdict: 'none' },
    { path: 'docs/a.md', isDir: false, verdict: 'ignore' },
    { path: 'docs/sub/a.md', isDir: false, verdict: 'none' },
    { path: 'trailing', isDir: false, verdict: 'ignore' },
    { path: '#literal', isDir: false, verdict: 'ignore' },
    { path: 'comment', isDir: false, verdict: 'none' },
    // only the path itself is judged, as rg does when a search starts inside an ignored folder
    { path: 'node_modules/pkg/index.js', isDir: false, verdict: 'none' },
  ])('$path (dir: $isDir) -> $verdict', ({ path, isDir, verdict }) => {
    expect(gitignoreVerdict(rules, path, isDir)).toBe(verdict);
  });
});

describe('--glob overrides', () => {
  test('a selecting glob leaves out other files but not folders; the last match wins', () => {
    const overrides = new GlobOverrides(['*.ts', '!*.d.ts']);
    expect(overrides.verdict('src/a.ts', false)).toBe('whitelist');
    expect(overrides.verdict('src/a.d.ts', false)).toBe('ignore');
    expect(overrides.verdict('src/a.js', false)).toBe('ignore');
    expect(overrides.verdict('src', true)).toBe('none');
  });
  test('only exclusions: everything else is left to the other rules', () => {
    const overrides = new GlobOverrides(['!.git', '!.env.*']);
    expect(overrides.verdict('.git', true)).toBe('ignore');
    expect(overrides.verdict('a/.env.prod', false)).toBe('ignore');
    expect(overrides.verdict('a.txt', false)).toBe('none');
  });
});

describe('brace expansion', () => {
  test.each([
    { glob: '*.ts', expanded: ['*.ts'] },
    { glob: '*.{ts,tsx}', expanded: ['*.ts', '*.tsx'] },
    { glob: '{a,b}/{c,d}', expanded: ['a/c', 'a/d', 'b/c', 'b/d'] },
    { glob: '*.{y{a,}ml,json}', expanded: ['*.yaml', '*.yml', '*.json'] },
    { glob: '!*.{js,map}', expanded: ['!*.js', '!*.map'] },
    { glob: 'lit\\{a,b}', expanded: ['lit\\{a,b}'] },
    { glob: 'open{a,b', expanded: ['open{a,b'] },
  ])('$glob', ({ glob, expanded }) => {
    expect(expandBraces(glob)).toEqual(expanded);
  });
});

describe('the glob parameter', () => {
  test.each([
    { glob: '*.ts', globs: ['*.ts'] },
    { glob: '*.ts *.py', globs: ['*.ts', '*.py'] },
    { glob: '*.ts,*.py', globs: ['*.ts', '*.py'] },
    { glob: '*.{ts,tsx} !*.d.ts', globs: ['*.{ts,tsx}', '!*.d.ts'] },
    { glob: '  ', globs: [] },
  ])('$glob', ({ glob, globs }) => {
    expect(splitGlobs(glob)).toEqual(globs);
  });
});
