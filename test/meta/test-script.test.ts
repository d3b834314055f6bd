/**
 * scripts/test.mjs (npm test) runs vitest's two projects as two processes: a failure in either must fail it, and the
 * engine project's report must be printed. Runs it on the two probe files, making one or the other fail.
 */
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function npmTest(probe: string) {
  return execa(process.execPath, ['scripts/test.mjs', 'test/meta/probe-'], {
    cwd: ROOT,
    reject: false,
    all: true,
    // The suite already built the bundle: building it again here would rewrite it under other running tests.
    env: { DOCKER_EXPERT_TEST_BUILT: '1', DOCKER_EXPERT_TEST_PROBE: probe, NO_COLOR: '1' },
  });
}

describe('scripts/test.mjs', () => {
  it('passes when both projects pass, and prints both reports', async () => {
    const r = await npmTest('');
    expect(r.exitCode, r.all).toBe(0);
    expect(r.all).toContain("===== the engine project's report =====");
    expect(r.all).toMatch(/probe-engine\.test\.ts/);
    expect(r.all).toMatch(/probe-parallel\.test\.ts/);
  }, 120_000);

  it.each(['engine', 'parallel'])('fails when the %s project fails', async (probe) => {
    const r = await npmTest(probe);
    expect(r.exitCode, r.all).toBe(1);
    expect(r.all).toContain(`${probe} project exited 1`);
    expect(r.all).toContain('failed on purpose');
  }, 120_000);
});
