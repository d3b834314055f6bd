/** Archives for workspace tests, good and hostile; no server code (workspace.test.ts imports only this). */
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

export interface RawEntry {
  path: string;
  type?: 'File' | 'OldFile' | 'ContiguousFile' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice';
  linkpath?: string;
  data?: string;
  /** Default 0o755 for a folder, 0o644 for anything else. */
  mode?: number;
}

const WITH_CONTENT = new Set(['File', 'OldFile', 'ContiguousFile']);

/** A gzipped tar written header by header, so it can hold what a well-behaved packer would not write. */
export function hostileTarGz(entries: RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const type = e.type ?? 'File';
    const size = WITH_CONTENT.has(type) ? data.length : 0;
    const h = new Header({ path: e.path, mode: e.mode ?? (type === 'Directory' ? 0o755 : 0o644), size, type, linkpath: e.linkpath, mtime: new Date(0), uid: 0, gid: 0 });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    blocks.push(block);
    if (size > 0) {
      blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
