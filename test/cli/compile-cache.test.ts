import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

// Node 22.1+ has module.enableCompileCache(); the entry points turn it on when present and Node 20 starts as before.
// The test runs on whichever line runs the suite (CI runs it on 20 and on 24).
const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const ENTRIES = [
  { name: 'bin/docker-expert.js', file: 'bin/docker-expert.js', args: ['agents', '--json'] },
  // Ends when its stdin does (here: at once), having loaded the MCP SDK.
  { name: 'the sequential-thinking launcher', file: 'agent/mcp/launchers/sequential-thinking.mjs', args: [] },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs an entry point with its own TMPDIR (where Node puts the cache by default) and returns what the cache holds. */
async function runWithTmp(file: string, args: string[], extraEnv: Record<string, string> = {}) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'de-ccache-'));
  dirs.push(tmp);
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, ...extraEnv };
  delete env.NODE_COMPILE_CACHE; // set by a user, it would turn the cache on before our code runs
  if (!('NODE_DISABLE_COMPILE_CACHE' in extraEnv)) delete env.NODE_DISABLE_COMPILE_CACHE;
  const r = await execa(process.execPath, [path.resolve(file), ...args], { env, extendEnv: false, reject: false, stdin: 'ignore' });
  const cache = path.join(tmp, 'node-compile-cache');
  const entries = existsSync(cache) ? readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
  return { r, cache, files: entries.length };
}

describe(`the start-up compile cache (Node ${process.version})`, () => {
  for (const { name, file, args } of ENTRIES) {
    it.runIf(hasCompileCache)(`${name} fills <tmpdir>/node-compile-cache for this Node version`, async () => {
      const { r, cache, files } = await runWithTmp(file, args);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readdirSync(cache).some((d) => d.startsWith(`${process.version}-`))).toBe(true);
      expect(files).toBeGreaterThan(0);
    });

    it.runIf(hasCompileCache)(`${name} leaves the cache off under NODE_DISABLE_COMPILE_CACHE=1`, async () => {
      const { r, files } = await runWithTmp(file, args, { NODE_DISABLE_COMPILE_CACHE: '1' });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(files).toBe(0);
    });

    it.skipIf(hasCompileCache)(`${name} starts on a Node without the API, writing no cache`, async () => {
      const { r, files } = await runWithTmp(file, args);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(files).toBe(0);
    });
  }

  it('bin/docker-expert.js gives the same answer with the cache cold and warm', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'de-ccache-'));
    dirs.push(tmp);
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.NODE_COMPILE_CACHE;
    const run = () => execa(process.execPath, [path.resolve('bin/docker-expert.js'), 'agents', '--json'], { env, extendEnv: false, reject: false });
    const cold = await run();
    const warm = await run();
    expect(cold.exitCode).toBe(0);
    expect(warm.exitCode).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toBe(cold.stderr);
  });
});
