import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.js';
import type { CliIO } from '../../cli/io.js';
import { tempDir } from './helpers.js';

function io(): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b) => (out += b));
  stderr.on('data', (b) => (err += b));
  return { stdout, stderr, stdin: new PassThrough(), env: {}, cwd: tempDir(), out: () => out, err: () => err };
}

describe('docker-expert mcp usage', () => {
  it('--help prints the options and the claude mcp add line', async () => {
    const x = io();
    expect(await main(['mcp', '--help'], x)).toBe(0);
    expect(x.out()).toContain('claude mcp add docker-expert -- npx docker-expert mcp');
    expect(x.out()).toContain('--http PORT');
  });

  it.each([
    [['--http', 'eighty'], /--http eighty: expected a whole number from 0 to 65535/],
    [['--http', '70000'], /--http 70000: expected a whole number/],
    [['--max-depth', '-1'], /--max-depth/],
    [['--root', '/no/such/folder'], /--root \/no\/such\/folder: no such folder/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const x = io();
    expect(await main(['mcp', ...args], x)).toBe(2);
    expect(x.err()).toMatch(message);
  });
});
