import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tool, ToolContext } from '../../tools/tool.js';
import { GREP_DEFAULT_HEAD_LIMIT, createGrepTool, type GrepInput, type GrepOptions } from '../../tools/fs/index.js';
import { findRipgrep } from '../../tools/fs/grep/rg-backend.js';
import { FIXTURE_MAX_FILE_BYTES, grepFixtureContext } from './grep-fixture.js';
import { makeSandbox } from './helpers.js';

const rgPath = await findRipgrep();
if (!rgPath) console.warn('NOTICE: rg (ripgrep) is not installed: Grep behaviour is tested on the JS fallback only.');

let ctx: ToolContext;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ ctx, cleanup } = await grepFixtureContext('grep-'));
});
afterAll(() => cleanup());

const backends: Array<{ backend: string; ripgrep: GrepOptions['ripgrep'] }> = [{ backend: 'JS fallback', ripgrep: false }];
if (rgPath) backends.push({ backend: 'rg', ripgrep: rgPath });

function grepWith(ripgrep: GrepOptions['ripgrep'], options: Partial<GrepOptions> = {}): Tool<GrepInput> {
  return createGrepTool({ maxFileBytes: FIXTURE_MAX_FILE_BYTES, ripgrep, ...options });
}
const run = (tool: Tool<GrepInput>, input: GrepInput) => tool.call(tool.inputSchema.parse(input), ctx);
const listed = (content: string): string[] => content.split('\n').slice(1);

describe.each(backends)('Grep ($backend)', ({ ripgrep }) => {
  const grep = grepWith(ripgrep);

  test('file selection: .gitignore (tree, nested, parent up to the repository root), hidden files, .git, secrets, binary, size, symlinks', async () => {
    const files = listed((await run(grep, { pattern: 'foo', head_limit: 0 })).content);
    for (const found of ['a.txt', 'keep.log', 'sub/important.tmp', 'sub/build/out.txt', '.hidden/h.txt', '.dotfile', 'grand-ignored.txt', 'utf16.txt', 'bom.txt', 'big-4096.txt']) {
      expect(files).toContain(found);
    }
    for (const skipped of [
      'b.log', 'build/out.txt', 'node_modules/pkg/index.js', 'secret-dir/s.txt', 'outer-ignored.txt', 'sub/x.tmp', 'sub/.git/config',
      '.env', '.env.production', 'deploy/id_rsa', 'certs/server.pem', 'ops/.kube/config', 'ops/.docker/config.json',
      'cfg/.ENV', 'cfg/.env.example', 'certs/store.p12', 'deploy/id_ed25519.pub', 'home/.aws/credentials', 'home/.netrc', 'kubeconfig-prod',
      'bin.dat', 'big-4097.txt', 'link.txt', 'linkdir/app.ts',
    ]) {
      expect(files).not.toContain(skipped);
    }
  });

  test('the secret files are there to be found when the exclusions are lifted (so the test above can fail)', async () => {
    const files = listed((await run(grepWith(ripgrep, { excludeGlobs: [] }), { pattern: 'foo', head_limit: 0 })).content);
    for (const secret of ['.env', 'cfg/.ENV', 'cfg/.env.example', 'deploy/id_rsa', 'home/.aws/credentials', 'kubeconfig-prod', 'ops/.docker/config.json']) {
      expect(files).toContain(secret);
    }
    expect(files).toContain('sub/.git/config');
  });

  test('files_with_matches lists the newest first', async () => {
    const files = listed((await run(grep, { pattern: 'foo', head_limit: 0 })).content);
    expect(files.slice(0, 3)).toEqual(['big-4096.txt', 'context.txt', 'multi.txt']);
    expect(files.at(-1)).toBe('a.txt');
  });

  test('content rows: path:line:text for matches, path-line-text for context, -- between runs', async () => {
    const { content } = await run(grep, { pattern: 'foo', output_mode: 'content', path: 'context.txt', '-C': 1 });
    expect(content).toBe(['1-c1', '2:c2 foo', '3-c3', '--', '6-c6', '7:c7 foo', '8:c8 foo', '9-c9'].join('\n'));
  });

  test('count mode sums up', async () => {
    const { content } = await run(grep, { pattern: 'foo', output_mode: 'count', path: 'a.txt' });
    expect(content).toBe('a.txt:2\n\nFound 2 total occurrences across 1 file.');
  });

  test('-o shows each match on its own row', async () => {
    const { content } = await run(grep, { pattern: 'fo+ \\w+', output_mode: 'content', path: 'a.txt', '-o': true });
    expect(content).toBe(['3:foo foo', ].join('\n'));
  });

  test('the default head_limit, at its edge', async () => {
    const total = listed((await run(grep, { pattern: 'foo', head_limit: 0 })).content).length;
    const exact = await run(grepWith(ripgrep, { defaultHeadLimit: total }), { pattern: 'foo' });
    expect(exact.content).not.toContain('[Showing');
    const short = await run(grepWith(ripgrep, { defaultHeadLimit: total - 1 }), { pattern: 'foo' });
    expect(listed(short.content.split('\n\n')[0])).toHaveLength(total - 1);
    expect(short.content).toContain(`[Showing results 1-${total - 1} (of ${total})`);
    expect(GREP_DEFAULT_HEAD_LIMIT).toBe(250);
  });

  test('content paging stops the search early and says more follow', async () => {
    const { content } = await run(grep, { pattern: 'foo', output_mode: 'content', head_limit: 1 });
    expect(content.split('\n')[0]).toMatch(/:1:/);
    expect(content).toContain('more follow');
    expect(content).toContain('offset=1');
  });

  test('the output byte cap, at its edge', async () => {
    const whole = (await run(grep, { pattern: 'foo', path: 'context.txt', output_mode: 'content' })).content;
    const bytes = Buffer.byteLength(whole);
    expect((await run(grepWith(ripgrep, { maxOutputBytes: bytes }), { pattern: 'foo', path: 'context.txt', output_mode: 'content' })).content).toBe(whole);
    const cut = (await run(grepWith(ripgrep, { maxOutputBytes: bytes - 1 }), { pattern: 'foo', path: 'context.txt', output_mode: 'content' })).content;
    expect(cut).toContain(`[Output cut at ${bytes - 1} bytes`);
    expect(cut).not.toContain('c8 foo');
  });

  test('the line length cap, at its edge', async () => {
    const cutAt = (max: number) => run(grepWith(ripgrep, { maxLineChars: max }), { pattern: 'c7', path: 'context.txt', output_mode: 'content' });
    expect((await cutAt(6)).content).toBe('7:c7 foo');
    expect((await cutAt(5)).content).toBe('7:c7 fo… [line cut: 1 more characters]');
  });

  test('a binary file named as path is reported, not searched', async () => {
    expect((await run(grep, { pattern: 'foo', path: 'bin.dat' })).content).toBe('bin.dat is a binary file; it was not searched.');
  });

  test('a FIFO as path is refused without hanging', async () => {
    const sandbox = await makeSandbox('grep-fifo-');
    try {
      await execa('mkfifo', [sandbox.path('pipe')]);
      const result = await grep.call(grep.inputSchema.parse({ pattern: 'x', path: 'pipe' }), sandbox.ctx);
      expect(result).toEqual({ content: expect.stringContaining('path must be a file or a folder'), isError: true });
    } finally {
      await sandbox.cleanup();
    }
  });

  test('a missing path is an error naming it', async () => {
    const result = await run(grep, { pattern: 'foo', path: 'nope' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('nope');
  });

  test('an invalid pattern is an error, not an empty answer', async () => {
    const result = await run(grep, { pattern: '[unclosed' });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/regex parse error|unclosed|Unterminated/i);
  });

  test('an aborted session stops the search with an error', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const result = await grep.call(grep.inputSchema.parse({ pattern: 'foo' }), { ...ctx, signal: aborted.signal });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('aborted');
  });

  test('a catastrophically backtracking pattern cannot hang the session', async () => {
    const sandbox = await makeSandbox('grep-redos-');
    try {
      await sandbox.write('input.txt', `${'a'.repeat(40)}b\n`);
      const tool = grepWith(ripgrep, { timeoutMs: 300 });
      const result = await tool.call(tool.inputSchema.parse({ pattern: '(a+)+$' }), sandbox.ctx);
      // rg's engine is linear and simply finds nothing; the JS fallback is stopped at the deadline.
      if (ripgrep === false) expect(result).toEqual({ content: expect.stringContaining('longer than 300 ms'), isError: true });
      else expect(result.content).toBe('No files found');
    } finally {
      await sandbox.cleanup();
    }
  });

  test.each(['.docker-expert/sessions/abc', '.de/se[s]s*{1}'])('the session folder inside the project is not searched (%s)', async (sessionRel) => {
    const sandbox = await makeSandbox('grep-session-');
    try {
      await sandbox.write('Dockerfile', 'FROM alpine\n');
      await sandbox.write(`${sessionRel}/transcript.jsonl`, '{"tool_use": "Grep FROM"}\n');
      await sandbox.write('.docker-expert/other.txt', 'FROM elsewhere\n');
      const ctxWithSession = { ...sandbox.ctx, sessionDir: sandbox.path(sessionRel) };
      const result = await grep.call(grep.inputSchema.parse({ pattern: 'FROM', head_limit: 0 }), ctxWithSession);
      expect(listed(result.content).sort()).toEqual(['.docker-expert/other.txt', 'Dockerfile']);
      const inside = await grep.call(grep.inputSchema.parse({ pattern: 'FROM', path: sessionRel.split('/')[0] }), ctxWithSession);
      expect(inside.content).not.toContain('transcript');
    } finally {
      await sandbox.cleanup();
    }
  });

  test('read-only and concurrency safe', () => {
    expect(grep.isReadOnly({ pattern: 'x' })).toBe(true);
    expect(grep.isConcurrencySafe({ pattern: 'x' })).toBe(true);
  });
});

describe.skipIf(!rgPath)('Grep runs the real rg', () => {
  test('the configured binary is the one executed', async () => {
    const result = await run(grepWith('/nonexistent/bin/rg'), { pattern: 'foo' });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/ENOENT|nonexistent/);
  });

  test('a search over its time limit is stopped and says so', async () => {
    const result = await run(grepWith(rgPath!, { timeoutMs: 1 }), { pattern: 'foo' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('longer than 1 ms');
  });

  test('findRipgrep looks on PATH only', async () => {
    expect(await findRipgrep('/nonexistent:/also-not')).toBeUndefined();
    expect(await findRipgrep(`/nonexistent:${rgPath!.replace(/\/rg$/, '')}`)).toBe(rgPath);
  });
});
