import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ToolContext } from '../../tools/tool.js';
import { createFileReadState, createGrepTool, type GrepInput } from '../../tools/fs/index.js';
import { findRipgrep } from '../../tools/fs/grep/rg-backend.js';

/** Real-world text (~1,400 Dockerfiles, Kubernetes and Compose files): rg and the fallback must agree on it too. */
const CORPUS = '/work/shared/corpus';
const rgPath = await findRipgrep();
const corpusPresent = existsSync(CORPUS);
if (!corpusPresent) console.warn(`NOTICE: ${CORPUS} is absent: the Grep corpus parity tests are skipped.`);
if (!rgPath) console.warn('NOTICE: rg (ripgrep) is not installed: the Grep corpus parity tests are skipped.');

const ctx: ToolContext = { cwd: CORPUS, additionalDirs: [], signal: new AbortController().signal, sessionDir: '/nonexistent', fileState: createFileReadState() };

const cases: Array<{ name: string; input: GrepInput }> = [
  { name: 'base images', input: { pattern: '^FROM\\s+\\S+', output_mode: 'content', '-i': true, head_limit: 0 } },
  { name: 'privileged, with context', input: { pattern: 'privileged:\\s*true', output_mode: 'content', '-C': 2, head_limit: 0 } },
  { name: 'hostPath and docker.sock, -o', input: { pattern: 'hostPath|docker\\.sock', output_mode: 'content', '-o': true, head_limit: 0 } },
  { name: 'continued RUN lines (multiline)', input: { pattern: 'apt-get update \\\\\\n\\s+&&', multiline: true, output_mode: 'count', head_limit: 0 } },
];

describe.skipIf(!corpusPresent || !rgPath)('Grep parity on the shared corpus', () => {
  const withRg = createGrepTool({ ripgrep: rgPath ?? false });
  const withJs = createGrepTool({ ripgrep: false });
  test.each(cases)('$name', async ({ input }) => {
    const parsed = withRg.inputSchema.parse(input);
    const [fromRg, fromJs] = await Promise.all([withRg.call(parsed, ctx), withJs.call(parsed, ctx)]);
    expect(fromRg.isError).toBeFalsy();
    expect(fromRg.content).not.toMatch(/^No (files|matches) found/);
    expect(fromJs.content).toBe(fromRg.content);
  });
});
