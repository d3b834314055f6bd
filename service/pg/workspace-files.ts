/**
 * A task's file changes, journaled so that another machine can rebuild its workspace: after each tool call the
 * worker compares the work folder with what it knew (size, mtime, inode; the content's sha256 when those moved) and
 * records every file written or removed, with the sha256 it had before and after. A worker taking the task over
 * unpacks the task's source again and replays the changes in order, each checked against its sha256: a source that is
 * not what the first worker had (the before-hash differs) or a damaged row (the after-hash differs) stops the
 * rebuild with the file's name instead of resuming on a wrong copy.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { WorkspaceError } from '../workspace.js';

export interface FileChange {
  /** Relative to the work folder, with '/' separators. */
  path: string;
  /** sha256 before the change; null when the file did not exist. */
  base: string | null;
  /** sha256 after; null when the file was removed. */
  sha256: string | null;
  content: Buffer | null;
}

interface Known {
  sha256: string;
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
}

export const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export class WorkspaceTracker {
  private known = new Map<string, Known>();

  constructor(readonly root: string) {}

  /** What the folder holds now is the starting point (no changes reported for it). */
  baseline(): void {
    this.known = new Map();
    this.changes();
  }

  /** Every regular file written, added or removed since the last call. */
  changes(): FileChange[] {
    const out: FileChange[] = [];
    const seen = new Set<string>();
    const walk = (dir: string, rel: string) => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names.sort()) {
        const abs = path.join(dir, name);
        const relPath = rel ? `${rel}/${name}` : name;
        let st: BigIntStats;
        try {
          st = lstatSync(abs, { bigint: true });
        } catch {
          continue;
        }
        if (st.isDirectory()) walk(abs, relPath);
        if (!st.isFile()) continue;
        seen.add(relPath);
        const before = this.known.get(relPath);
        if (before && before.size === st.size && before.mtimeNs === st.mtimeNs && before.ino === st.ino) continue;
        const content = readFileSync(abs);
        const sha = sha256Of(content);
        this.known.set(relPath, { sha256: sha, size: st.size, mtimeNs: st.mtimeNs, ino: st.ino });
        if (before?.sha256 !== sha) out.push({ path: relPath, base: before?.sha256 ?? null, sha256: sha, content });
      }
    };
    walk(this.root, '');
    for (const [rel, k] of [...this.known]) {
      if (seen.has(rel)) continue;
      this.known.delete(rel);
      out.push({ path: rel, base: k.sha256, sha256: null, content: null });
    }
    return out;
  }
}

/** Replays journaled changes onto a fresh copy of the task's source, checking each against its sha256. */
export function applyFileChanges(root: string, changes: FileChange[]): void {
  const base = path.resolve(root);
  for (const c of changes) {
    const file = path.resolve(base, c.path);
    if (path.isAbsolute(c.path) || (file !== base && !file.startsWith(base + path.sep))) throw new WorkspaceError(`journaled file change '${c.path}' points outside the workspace`);
    let current: string | null = null;
    try {
      current = sha256Of(readFileSync(file));
    } catch {
      current = null;
    }
    if (current !== c.base) {
      throw new WorkspaceError(
        `the workspace cannot be rebuilt: ${c.path} has sha256 ${current ?? '(absent)'} before the journaled change, expected ${c.base ?? '(absent)'} (the task's source is not what the first worker had)`,
      );
    }
    if (c.sha256 === null) {
      rmSync(file, { force: true });
      continue;
    }
    if (!c.content || sha256Of(c.content) !== c.sha256) throw new WorkspaceError(`the workspace cannot be rebuilt: the journaled content of ${c.path} does not match its sha256 ${c.sha256} (damaged)`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, c.content);
  }
}
