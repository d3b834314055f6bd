/** The file changes a worker journals after each tool call, and their replay on another machine (checked by sha256). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyFileChanges, sha256Of, WorkspaceTracker } from '../../service/pg/workspace-files.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'dx-files-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('WorkspaceTracker and applyFileChanges', () => {
  it('records writes, additions and removals after the baseline, and replays them onto a fresh copy', () => {
    const work = tmp();
    writeFileSync(path.join(work, 'package.json'), '{}\n');
    writeFileSync(path.join(work, 'old.txt'), 'old\n');
    const tracker = new WorkspaceTracker(work);
    tracker.baseline();
    expect(tracker.changes()).toEqual([]);
    mkdirSync(path.join(work, 'src'));
    writeFileSync(path.join(work, 'src', 'new.txt'), 'new\n');
    writeFileSync(path.join(work, 'package.json'), '{"name":"x"}\n');
    rmSync(path.join(work, 'old.txt'));
    const changes = tracker.changes();
    expect(changes.map((c) => [c.path, c.base, c.sha256])).toEqual([
      ['package.json', sha256Of(Buffer.from('{}\n')), sha256Of(Buffer.from('{"name":"x"}\n'))],
      ['src/new.txt', null, sha256Of(Buffer.from('new\n'))],
      ['old.txt', sha256Of(Buffer.from('old\n')), null],
    ]);
    expect(tracker.changes()).toEqual([]);

    const copy = tmp();
    writeFileSync(path.join(copy, 'package.json'), '{}\n');
    writeFileSync(path.join(copy, 'old.txt'), 'old\n');
    applyFileChanges(copy, changes);
    expect(readFileSync(path.join(copy, 'package.json'), 'utf8')).toBe('{"name":"x"}\n');
    expect(readFileSync(path.join(copy, 'src', 'new.txt'), 'utf8')).toBe('new\n');
    expect(existsSync(path.join(copy, 'old.txt'))).toBe(false);
  });

  it('refuses a source that differs from what the first worker had (the file and both hashes named)', () => {
    const copy = tmp();
    writeFileSync(path.join(copy, 'package.json'), '{"changed":true}\n');
    const change = { path: 'package.json', base: sha256Of(Buffer.from('{}\n')), sha256: sha256Of(Buffer.from('x')), content: Buffer.from('x') };
    expect(() => applyFileChanges(copy, [change])).toThrow(/package\.json has sha256 [0-9a-f]{64} before the journaled change, expected [0-9a-f]{64}/);
  });

  it('refuses journaled content that does not match its sha256, and a path outside the workspace', () => {
    const copy = tmp();
    expect(() => applyFileChanges(copy, [{ path: 'a.txt', base: null, sha256: sha256Of(Buffer.from('a')), content: Buffer.from('b') }])).toThrow(/content of a\.txt does not match its sha256/);
    expect(() => applyFileChanges(copy, [{ path: '../escape.txt', base: null, sha256: sha256Of(Buffer.from('a')), content: Buffer.from('a') }])).toThrow(/outside the workspace/);
    expect(existsSync(path.join(copy, '..', 'escape.txt'))).toBe(false);
  });
});
