import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DOCKERFILE_CHARS, MAX_FIX_PASSES, MAX_SHELL_SCRIPT_CHARS, SHELL_CACHE_ENTRIES, analyzeDockerfile, analyzeDockerfileFile, clearShellCache, configureShellCache, fixDockerfile } from '../../tools/analyzers/dockerfile/index.js';
import { loadShellParser, parseShell, shellCacheSize } from '../../tools/analyzers/dockerfile/shell/parser.js';
import { df } from './cases.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'de-dflimits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A Dockerfile of exactly `size` characters. */
function sized(size: number): string {
  const head = 'FROM alpine:3.20\nRUN true';
  return head + ' '.repeat(size - head.length - 1) + '\n';
}

describe('limits', () => {
  it('MAX_DOCKERFILE_CHARS: a file at the limit is analysed, one character more is a FILE-LIMIT warning (not a syntax error)', async () => {
    expect(MAX_DOCKERFILE_CHARS).toBe(1024 * 1024);
    const at = await analyzeDockerfile(sized(200), { file: 'D', maxChars: 200 });
    expect(at.map((f) => f.rule)).not.toContain('FILE-LIMIT');
    const over = await analyzeDockerfile(sized(201), { file: 'D', maxChars: 200 });
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ rule: 'FILE-LIMIT', severity: 'warning', line: 1 });
    expect(over[0].message).toContain('200');
    const dflt = await analyzeDockerfile(sized(MAX_DOCKERFILE_CHARS + 1), { file: 'D' });
    expect(dflt.map((f) => f.rule)).toEqual(['FILE-LIMIT']);
  });

  it('MAX_SHELL_SCRIPT_CHARS: a RUN body at the limit is shell-analysed, a longer one is skipped', async () => {
    expect(MAX_SHELL_SCRIPT_CHARS).toBe(64 * 1024);
    const body = (n: number) => 'sudo true' + ' '.repeat(n - 'sudo true'.length);
    const at = await analyzeDockerfile(df('FROM alpine:3.20', `RUN ${body(40)}`), { file: 'D', maxShellChars: 40 });
    expect(at.map((f) => f.rule)).toContain('DL3004');
    const over = await analyzeDockerfile(df('FROM alpine:3.20', `RUN ${body(41)}`), { file: 'D', maxShellChars: 40 });
    expect(over.map((f) => f.rule)).not.toContain('DL3004');
  });

  it('MAX_FIX_PASSES: a fix that exposes another needs a second pass', async () => {
    expect(MAX_FIX_PASSES).toBe(5);
    const src = df('FROM debian:12', 'RUN apt update && apt install --no-install-recommends curl=8.0 && rm -rf /var/lib/apt/lists/*');
    const one = await fixDockerfile(src, { file: 'D', maxPasses: 1, rules: ['DL3027', 'DL3014'] });
    expect(one.text).toBe(df('FROM debian:12', 'RUN apt-get update && apt-get install --no-install-recommends curl=8.0 && rm -rf /var/lib/apt/lists/*'));
    const two = await fixDockerfile(src, { file: 'D', maxPasses: 2, rules: ['DL3027', 'DL3014'] });
    expect(two.text).toBe(df('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl=8.0 && rm -rf /var/lib/apt/lists/*'));
    expect(two.changes.map((c) => c.rule).sort()).toEqual(['DL3014', 'DL3027', 'DL3027']);
  });
});

describe('shell cache', () => {
  it('SHELL_CACHE_ENTRIES: keeps at most the configured number of parsed scripts, dropping the oldest', async () => {
    expect(SHELL_CACHE_ENTRIES).toBe(2000);
    await loadShellParser();
    clearShellCache();
    configureShellCache({ entries: 2 });
    try {
      const first = parseShell('echo one');
      const two = parseShell('echo two');
      expect(parseShell('echo one')).toBe(first);
      parseShell('echo three');
      expect(shellCacheSize()).toBe(2);
      // `two` was the least recently used: it was dropped, `one` was kept.
      expect(parseShell('echo one')).toBe(first);
      expect(parseShell('echo two')).not.toBe(two);
      configureShellCache({ entries: 0 });
      expect(shellCacheSize()).toBe(0);
      expect(parseShell('echo one')).not.toBe(parseShell('echo one'));
      expect(() => configureShellCache({ entries: -1 })).toThrow(/entries/);
    } finally {
      configureShellCache({ entries: SHELL_CACHE_ENTRIES });
    }
  });
});

describe('unreadable and binary input', () => {
  it('a missing file, a directory, a non-UTF-8 file and NUL bytes are DL1000 findings, not exceptions', async () => {
    const bad = path.join(tmp, 'latin1.Dockerfile');
    writeFileSync(bad, Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0xff, 0x0a]));
    const nul = path.join(tmp, 'nul.Dockerfile');
    writeFileSync(nul, 'FROM alpine:3.20\n\0\n');
    for (const p of [path.join(tmp, 'missing'), tmp, bad, nul]) {
      const findings = await analyzeDockerfileFile(p);
      expect(findings, p).toHaveLength(1);
      expect(findings[0]).toMatchObject({ rule: 'DL1000', severity: 'error', file: p });
    }
  });

  it('strips a UTF-8 byte order mark', async () => {
    const p = path.join(tmp, 'bom.Dockerfile');
    writeFileSync(p, '\uFEFFFROM alpine:3.20\nUSER 10001\n');
    expect((await analyzeDockerfileFile(p)).map((f) => f.rule)).not.toContain('DL1000');
  });
});
