import { homedir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { ToolInputError, displayPath, resolveToolPath } from '../../tools/fs/resolve-path.js';

const ctx = { cwd: '/x/proj' };

describe('resolveToolPath: the path a tool acts on is the one the permission gate judged', () => {
  test.each([
    { given: '/x/proj/a.txt', resolved: '/x/proj/a.txt' },
    { given: 'a.txt', resolved: '/x/proj/a.txt' },
    { given: './sub/../a.txt', resolved: '/x/proj/a.txt' },
    { given: '../x', resolved: '/x/x' },
    { given: '../proj_evil/a', resolved: '/x/proj_evil/a' },
    { given: '/x/proj/../../etc/passwd', resolved: '/etc/passwd' },
    { given: '~', resolved: homedir() },
    { given: '~/.ssh/id_rsa', resolved: `${homedir()}/.ssh/id_rsa` },
    { given: '~user/x', resolved: '/x/proj/~user/x' },
    { given: '/x/proj/dir/', resolved: '/x/proj/dir' },
  ])('$given -> $resolved', ({ given, resolved }) => {
    expect(resolveToolPath(ctx, given)).toBe(resolved);
  });

  test.each([
    { given: '', error: /file_path is empty/ },
    { given: 'a\0b', error: /file_path contains a NUL byte/ },
  ])('refuses $given', ({ given, error }) => {
    expect(() => resolveToolPath(ctx, given)).toThrow(ToolInputError);
    expect(() => resolveToolPath(ctx, given)).toThrow(error);
  });

  test('the error names the field', () => {
    expect(() => resolveToolPath(ctx, '', 'path')).toThrow(/^path is empty$/);
  });
});

describe('displayPath: relative inside the project, absolute elsewhere', () => {
  test.each([
    { abs: '/x/proj/a.txt', shown: 'a.txt' },
    { abs: '/x/proj/sub/b.txt', shown: 'sub/b.txt' },
    { abs: '/x/proj_evil/a.txt', shown: '/x/proj_evil/a.txt' },
    { abs: '/x/other/a.txt', shown: '/x/other/a.txt' },
  ])('$abs -> $shown', ({ abs, shown }) => {
    expect(displayPath(ctx, abs)).toBe(shown);
  });
});
