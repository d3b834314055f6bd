/** What a run changed in its task folder: the changed files and one unified diff of the whole change. */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';

/** The runtime's own state in the project, never part of the change. */
const IGNORED_TOP = new Set(['.docker-expert']);

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  /** The new bytes (absent for a deleted file). */
  data?: Buffer;
}

export interface Changes {
  files: ChangedFile[];
  diff: string;
}

/** Files (and link targets, as text) under `root`, by POSIX relative path. */
function snapshot(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(root, rel));
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (!rel && IGNORED_TOP.has(name)) continue;
      const st = lstatSync(path.join(root, r));
      if (st.isDirectory()) walk(r);
      else if (st.isFile()) out.set(r, readFileSync(path.join(root, r)));
      else if (st.isSymbolicLink()) out.set(r, Buffer.from(`-> ${readlinkSync(path.join(root, r))}`));
    }
  };
  walk('');
  return out;
}

export function diffFolders(before: string, after: string): Changes {
  const a = snapshot(before);
  const b = snapshot(after);
  const files: ChangedFile[] = [];
  for (const [p, data] of b) {
    const old = a.get(p);
    if (!old) files.push({ path: p, status: 'added', data });
    else if (!old.equals(data)) files.push({ path: p, status: 'modified', data });
  }
  for (const p of a.keys()) if (!b.has(p)) files.push({ path: p, status: 'deleted' });
  files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const diff = files.map((f) => filePatch(f.path, a.get(f.path), f.data)).join('');
  return { files, diff };
}

function filePatch(p: string, old: Buffer | undefined, now: Buffer | undefined): string {
  const from = old ? `a/${p}` : '/dev/null';
  const to = now ? `b/${p}` : '/dev/null';
  if ((old && isBinary(old)) || (now && isBinary(now))) return `diff --git a/${p} b/${p}\nBinary files ${from} and ${to} differ\n`;
  const patch = createTwoFilesPatch(from, to, old?.toString('utf8') ?? '', now?.toString('utf8') ?? '', undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:" banner and a "===" line; a git-style header reads better in review tools.
  return `diff --git a/${p} b/${p}\n` + patch.replace(/^Index:[^\n]*\n=+\n/, '');
}

function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8000).includes(0);
}

const MEDIA_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.md': 'text/markdown',
  '.sh': 'text/x-shellscript',
  '.js': 'text/javascript',
  '.ts': 'text/plain',
  '.py': 'text/x-python',
  '.toml': 'application/toml',
};

/** A media type for a changed file (Dockerfiles and other text: text/plain). */
export function mediaTypeOf(p: string, data: Buffer): string {
  if (isBinary(data)) return 'application/octet-stream';
  return MEDIA_TYPES[path.posix.extname(p).toLowerCase()] ?? 'text/plain';
}
