/** Issue 14.16: `--max-write-bytes` reaches the Write tool of a real run; bad values are usage errors. */
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../cli/run-options.js';

const BIN = path.resolve('bin/docker-expert.js');
const env = { ...process.env, ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '' };

describe('--max-write-bytes', () => {
  it('a run whose Dockerfile is over the limit writes nothing, says why and fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-mwb-'));
    cpSync(path.resolve('examples/node-api'), dir, { recursive: true });
    const hadDockerfile = existsSync(path.join(dir, 'Dockerfile'));
    const r = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir, '--no-verify', '--strict-mcp-config', '--max-write-bytes', '10', '--output-format', 'json'], { env, reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/over the 10-byte limit for one Write \(--max-write-bytes\)/);
    if (!hadDockerfile) expect(existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
    const fine = await execa(process.execPath, [BIN, 'run', 'containerize this app', '--cwd', dir, '--no-verify', '--strict-mcp-config', '--output-format', 'json'], { env, reject: false });
    expect(fine.stdout).not.toMatch(/--max-write-bytes/);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(/^FROM /m);
  }, 120_000);

  it('takes a whole number of at least 1', () => {
    expect(parseRunOptions(['t'], '/').maxWriteBytes).toBeUndefined();
    expect(parseRunOptions(['--max-write-bytes', '1', 't'], '/').maxWriteBytes).toBe(1);
    expect(() => parseRunOptions(['--max-write-bytes', '0', 't'], '/')).toThrow(/--max-write-bytes must be a whole number >= 1 \(got '0'\)/);
    expect(() => parseRunOptions(['--max-write-bytes', '1e6', 't'], '/')).toThrow(/--max-write-bytes must be a whole number/);
  });
});
