import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ToolContext } from '../../tools/tool.js';
import { createGrepTool, type GrepInput } from '../../tools/fs/index.js';
import { findRipgrep } from '../../tools/fs/grep/rg-backend.js';
import { FIXTURE_MAX_FILE_BYTES, grepFixtureContext } from './grep-fixture.js';

const rgPath = await findRipgrep();
if (!rgPath) console.warn('NOTICE: rg (ripgrep) is not installed: the rg-vs-fallback parity tests are skipped. Install it with `apt-get install -y ripgrep`.');

let ctx: ToolContext;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ ctx, cleanup } = await grepFixtureContext('grep-parity-'));
});
afterAll(() => cleanup());

type Case = { name: string; input: GrepInput; some?: boolean; error?: boolean };

/** `some`: the case must find something (so parity is not two empty answers). */
const cases: Case[] = [
  { name: 'default mode (files_with_matches, newest first)', input: { pattern: 'foo' }, some: true },
  { name: 'content', input: { pattern: 'foo', output_mode: 'content' }, some: true },
  { name: 'count', input: { pattern: 'foo', output_mode: 'count' }, some: true },
  { name: '-i', input: { pattern: 'foo', output_mode: 'content', '-i': true }, some: true },
  { name: '-n false', input: { pattern: 'foo', output_mode: 'content', '-n': false }, some: true },
  { name: '-o', input: { pattern: 'fo+', output_mode: 'content', '-o': true }, some: true },
  { name: '-o -i', input: { pattern: 'fo+', output_mode: 'content', '-o': true, '-i': true }, some: true },
  { name: '-A', input: { pattern: 'foo', output_mode: 'content', '-A': 1, path: 'context.txt' }, some: true },
  { name: '-B', input: { pattern: 'foo', output_mode: 'content', '-B': 2, path: 'context.txt' }, some: true },
  { name: '-C over a tree (separators between files)', input: { pattern: 'foo', output_mode: 'content', '-C': 1, glob: '*.txt' }, some: true },
  { name: 'context (alias of -C)', input: { pattern: 'foo', output_mode: 'content', context: 2, path: 'context.txt' }, some: true },
  { name: '-A and -B override -C', input: { pattern: 'foo', output_mode: 'content', '-C': 3, '-A': 0, '-B': 1, path: 'context.txt' }, some: true },
  { name: 'context ignored outside content mode', input: { pattern: 'foo', output_mode: 'count', '-C': 2 }, some: true },
  { name: 'glob *.ts', input: { pattern: 'foo', glob: '*.ts' }, some: true },
  { name: 'glob with braces', input: { pattern: 'foo', glob: '*.{ts,tsx}', output_mode: 'content' }, some: true },
  { name: 'negated glob', input: { pattern: 'foo', glob: '!*.txt' }, some: true },
  { name: 'glob with a slash is anchored', input: { pattern: 'foo', glob: 'src/*.ts' }, some: true },
  { name: 'globs separated by commas', input: { pattern: 'foo', glob: '*.py,*.tsx' }, some: true },
  { name: 'several globs', input: { pattern: 'foo', glob: '*.ts *.py' }, some: true },
  { name: 'a glob overrides .gitignore', input: { pattern: 'foo', glob: '*.log' }, some: true },
  { name: 'globstar glob', input: { pattern: 'FROM', glob: '**/Dockerfile*', output_mode: 'content' }, some: true },
  { name: 'type ts', input: { pattern: 'foo', type: 'ts' }, some: true },
  { name: 'type docker', input: { pattern: 'FROM', type: 'docker', output_mode: 'content' }, some: true },
  { name: 'type yaml', input: { pattern: 'image', type: 'yaml', output_mode: 'count' }, some: true },
  { name: 'type py with content', input: { pattern: 'def', type: 'py', output_mode: 'content' }, some: true },
  { name: 'type and glob together', input: { pattern: 'foo', type: 'js', glob: '*.ts' }, some: true },
  { name: 'head_limit', input: { pattern: 'foo', head_limit: 3 }, some: true },
  { name: 'head_limit with offset in content', input: { pattern: 'foo', output_mode: 'content', head_limit: 2, offset: 2 }, some: true },
  { name: 'head_limit 0 is unlimited', input: { pattern: 'foo', output_mode: 'content', head_limit: 0 }, some: true },
  { name: 'offset past the end', input: { pattern: 'foo', offset: 500 } },
  { name: 'count with head_limit', input: { pattern: 'foo', output_mode: 'count', head_limit: 2, offset: 1 }, some: true },
  { name: 'multiline with \\n', input: { pattern: 'start foo\\nmiddle', multiline: true, output_mode: 'content' }, some: true },
  { name: 'multiline dotall', input: { pattern: 'start.*?bar', multiline: true, output_mode: 'content' }, some: true },
  { name: 'multiline count', input: { pattern: 'start.*?bar', multiline: true, output_mode: 'count' }, some: true },
  { name: '-o with context', input: { pattern: 'foo', output_mode: 'content', '-o': true, '-C': 1, path: 'context.txt' }, some: true },
  { name: '-n false with context', input: { pattern: 'foo', output_mode: 'content', '-n': false, '-B': 1, glob: 'a*.txt' }, some: true },
  { name: 'multiline -i', input: { pattern: 'START FOO\\nMIDDLE', multiline: true, '-i': true, output_mode: 'content' }, some: true },
  { name: 'empty-matching pattern counts every line', input: { pattern: '^', output_mode: 'count', glob: '*.txt' }, some: true },
  { name: 'invalid UTF-8 (latin1) lines', input: { pattern: 'foo', path: 'latin1.txt', output_mode: 'content', '-C': 1 }, some: true },
  { name: 'invalid UTF-8 in multiline', input: { pattern: 've\\nfoo', path: 'latin1.txt', multiline: true, output_mode: 'content' }, some: true },
  { name: 'multiline -o', input: { pattern: 'foo\\nmid', multiline: true, output_mode: 'content', '-o': true }, some: true },
  { name: 'multiline with context', input: { pattern: 'foo\\nmiddle', multiline: true, output_mode: 'content', '-A': 1, '-B': 1 }, some: true },
  { name: 'anchors ^', input: { pattern: '^foo', output_mode: 'content' }, some: true },
  { name: 'anchor $ (a CRLF line keeps its \\r, as in rg)', input: { pattern: 'foo$', output_mode: 'content' }, some: true },
  { name: 'word boundaries', input: { pattern: '\\bfoo\\b', output_mode: 'count' }, some: true },
  { name: 'inline (?i)', input: { pattern: '(?i)FOO UPPER', output_mode: 'content' }, some: true },
  { name: 'repetition and classes', input: { pattern: 'f[aeiou]{2}', output_mode: 'count' }, some: true },
  { name: 'regex dialect: Unicode \\w', input: { pattern: '\\w+', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: Unicode \\b', input: { pattern: '\\b\\w{4}\\b', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: \\B', input: { pattern: 'e\\B', path: 'words.txt', output_mode: 'count' }, some: true },
  { name: 'regex dialect: Unicode \\d', input: { pattern: 'x\\dy|\\d+', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: \\W and [^\\w]', input: { pattern: '\\W[^\\w ]\\w', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: POSIX classes', input: { pattern: '[[:alpha:]]+[[:digit:]]|[[:space:]]here', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: (?P<name>)', input: { pattern: '(?P<word>foo)-bar', path: 'words.txt', output_mode: 'content' }, some: true },
  { name: 'regex dialect: escaped punctuation', input: { pattern: 'foo\\-bar|foo\\#bar', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: \\pL and \\p{Greek}', input: { pattern: '\\p{Greek}\\pL+', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: \\x{...}', input: { pattern: '\\x{3A9}', path: 'words.txt', output_mode: 'count' }, some: true },
  { name: 'regex dialect: leading ] in a class', input: { pattern: '[]x]x', path: 'words.txt', output_mode: 'content' }, some: true },
  { name: 'regex dialect: \\A and \\z', input: { pattern: '\\Anaïve|Ωmega\\z', path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'regex dialect: case-insensitive Unicode', input: { pattern: 'ÜBER|ωMEGA', '-i': true, path: 'words.txt', output_mode: 'content', '-o': true }, some: true },
  { name: 'unicode pattern', input: { pattern: '☃|日本', output_mode: 'content' }, some: true },
  { name: 'unicode -o', input: { pattern: '日本 \\S+ 語', output_mode: 'content', '-o': true }, some: true },
  { name: 'long lines are cut the same way', input: { pattern: 'foo', path: 'long.txt', output_mode: 'content' }, some: true },
  { name: 'path is a folder', input: { pattern: 'foo', path: 'sub', output_mode: 'content' }, some: true },
  { name: 'path inside a gitignored folder is searched (as rg does)', input: { pattern: 'foo', path: 'node_modules/pkg', output_mode: 'content' }, some: true },
  { name: 'path is an ignored anchored folder', input: { pattern: 'foo', path: 'build' }, some: true },
  { name: 'path is a hidden folder', input: { pattern: 'foo', path: '.hidden', output_mode: 'count' }, some: true },
  { name: 'path is a file', input: { pattern: 'foo', path: 'a.txt', output_mode: 'content' }, some: true },
  { name: 'path is a file, with a type that does not fit it', input: { pattern: 'foo', path: 'a.txt', type: 'py' } },
  { name: 'path is a file, with a glob that does not fit it', input: { pattern: 'foo', path: 'a.txt', glob: '*.py' } },
  { name: 'path is a file, count', input: { pattern: 'foo', path: 'src/app.ts', output_mode: 'count' }, some: true },
  { name: 'BOM and UTF-16 files', input: { pattern: '^foo (with bom|in utf16)', output_mode: 'content' }, some: true },
  { name: 'no match', input: { pattern: 'zzz-no-such-text' } },
  { name: 'no match in content mode', input: { pattern: 'zzz-no-such-text', output_mode: 'content' } },
  { name: 'invalid regex', input: { pattern: 'foo(' }, error: true },
  { name: 'unknown type', input: { pattern: 'foo', type: 'no-such-type' }, error: true },
  { name: '\\n without multiline', input: { pattern: 'foo\\nbar' }, error: true },
];

describe.skipIf(!rgPath)('Grep: rg and the JS fallback give the same answer', () => {
  const common = { maxFileBytes: FIXTURE_MAX_FILE_BYTES };
  const withRg = createGrepTool({ ...common, ripgrep: rgPath ?? false });
  const withJs = createGrepTool({ ...common, ripgrep: false });

  test.each(cases)('$name', async ({ input, some, error }) => {
    const parsed = withRg.inputSchema.parse(input);
    const [fromRg, fromJs] = await Promise.all([withRg.call(parsed, ctx), withJs.call(parsed, ctx)]);
    if (error) {
      expect(fromRg.isError).toBe(true);
      expect(fromJs.isError).toBe(true);
      return;
    }
    expect(fromRg.isError).toBeFalsy();
    expect(fromJs.content).toBe(fromRg.content);
    if (some) expect(fromRg.content).not.toMatch(/^No (files|matches) found/);
  });
});
