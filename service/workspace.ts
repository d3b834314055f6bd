/**
 * Where a task's files come from, and the task's own copy of them. A `.tar.gz` part is read whole and checked entry
 * by entry before anything is written (no absolute paths, no `..`, no devices or FIFOs, no link that points out,
 * at most `maxEntries` entries and `maxBytes` bytes unpacked); a `{"workspace": {"path": P}}` part names a folder
 * under `--workspace-root`, copied under the same rules. Either way the result is a fresh folder the caller owns.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';

export interface WorkspaceLimits {
  /** Most bytes of file content, unpacked. */
  maxBytes: number;
  /** Most entries (files, folders, links). */
  maxEntries: number;
}

export const DEFAULT_WORKSPACE_LIMITS: WorkspaceLimits = { maxBytes: 100 * 1024 * 1024, maxEntries: 20_000 };

/** A workspace that cannot be used; the message is for the caller and names the entry. */
export class WorkspaceError extends Error {}

type Entry =
  | { kind: 'dir'; path: string }
  | { kind: 'file'; path: string; data: Buffer; executable: boolean }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'hardlink'; path: string; target: string };

/** Unpacks a gzipped tar into `dest` (made if missing) after checking every entry; throws WorkspaceError. */
export async function extractTarGz(archive: Buffer, dest: string, limits: WorkspaceLimits = DEFAULT_WORKSPACE_LIMITS): Promise<{ files: number; bytes: number }> {
  let tarBytes: Buffer;
  try {
    // Headers and padding add at most 1.5 KB per entry to the content.
    tarBytes = gunzipSync(archive, { maxOutputLength: limits.maxBytes + (limits.maxEntries + 2) * 1536 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /larger than/i.test((err as Error).message)) throw new WorkspaceError(`the workspace archive unpacks to more than ${limits.maxBytes} bytes`);
    throw new WorkspaceError(`the workspace part is not a gzip file: ${(err as Error).message}`);
  }
  const entries = await readTar(tarBytes, limits);
  return writeEntries(entries, dest);
}

async function readTar(tarBytes: Buffer, limits: WorkspaceLimits): Promise<Entry[]> {
  const entries: Entry[] = [];
  const problems: string[] = [];
  let bytes = 0;
  const symlinks = new Set<string>();
  const fileSet = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const raw = entry.path;
        const problem = entryProblem(entry, symlinks);
        if (problem) {
          problems.push(`'${raw}': ${problem}`);
          entry.resume();
          return;
        }
        if (entries.length + 1 > limits.maxEntries) {
          problems.push(`more than ${limits.maxEntries} entries`);
          entry.resume();
          return;
        }
        const rel = normalise(raw);
        if (entry.type === 'Directory') {
          entries.push({ kind: 'dir', path: rel });
          entry.resume();
        } else if (entry.type === 'SymbolicLink') {
          symlinks.add(rel);
          entries.push({ kind: 'symlink', path: rel, target: entry.linkpath! });
          entry.resume();
        } else if (entry.type === 'Link') {
          if (!fileSet.has(normalise(entry.linkpath!))) {
            problems.push(`'${raw}': a hard link must name a file earlier in the archive`);
            entry.resume();
            return;
          }
          entries.push({ kind: 'hardlink', path: rel, target: normalise(entry.linkpath!) });
          entry.resume();
        } else {
          bytes += entry.size;
          if (bytes > limits.maxBytes) {
            problems.push(`the files add up to more than ${limits.maxBytes} bytes`);
            entry.resume();
            return;
          }
          const chunks: Buffer[] = [];
          entry.on('data', (c: Buffer) => chunks.push(c));
          fileSet.add(rel);
          entry.on('end', () => entries.push({ kind: 'file', path: rel, data: Buffer.concat(chunks), executable: ((entry.mode ?? 0o644) & 0o111) !== 0 }));
        }
      },
    });
    parser.on('error', (err: Error) => reject(new WorkspaceError(`the workspace archive is not a valid tar: ${err.message}`)));
    parser.on('warn', (_code: string, message: string | Error) => problems.push(typeof message === 'string' ? message : message.message));
    parser.on('end', () => resolve());
    parser.end(tarBytes);
  });
  if (problems.length > 0) {
    const unique = [...new Set(problems)];
    const shown = unique.slice(0, 5);
    throw new WorkspaceError(`the workspace archive was refused, nothing was unpacked: ${shown.join('; ')}${unique.length > shown.length ? ` (and ${unique.length - shown.length} more)` : ''}`);
  }
  return entries;
}

/** Why an entry may not be unpacked, or undefined. */
function entryProblem(entry: ReadEntry, symlinks: Set<string>): string | undefined {
  const allowed = ['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link'];
  if (!allowed.includes(entry.type)) return `${entry.type} entries are not allowed (only files, folders and links inside the project)`;
  const pathProblem = relativePathProblem(entry.path);
  if (pathProblem) return pathProblem;
  const rel = normalise(entry.path);
  // Nothing is written through a link the archive itself made.
  for (let p = path.posix.dirname(rel); p !== '.' && p !== '/'; p = path.posix.dirname(p)) {
    if (symlinks.has(p)) return `its folder '${p}' is a symbolic link in the archive`;
  }
  if (entry.type === 'SymbolicLink') return linkTargetProblem(rel, entry.linkpath ?? '');
  if (entry.type === 'Link') {
    const p = relativePathProblem(entry.linkpath ?? '');
    return p ? `hard link target ${p}` : undefined;
  }
  return undefined;
}

function relativePathProblem(p: string): string | undefined {
  if (p === '' ) return 'empty path';
  if (p.includes('\0')) return 'NUL in the path';
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p) || /^[A-Za-z]:/.test(p)) return 'absolute paths are not allowed';
  if (p.split(/[\\/]+/).includes('..')) return "'..' in the path is not allowed";
  return undefined;
}

/** A symbolic link may point only at a place inside the project, given relative to the link. */
function linkTargetProblem(rel: string, target: string): string | undefined {
  if (target === '') return 'a symbolic link with no target';
  if (path.posix.isAbsolute(target) || path.win32.isAbsolute(target)) return `symbolic link to the absolute path '${target}' points out of the project`;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(rel), target.replace(/\\/g, '/')));
  if (resolved === '..' || resolved.startsWith('../')) return `symbolic link to '${target}' points out of the project`;
  return undefined;
}

function normalise(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function writeEntries(entries: Entry[], dest: string): { files: number; bytes: number } {
  mkdirSync(dest, { recursive: true });
  const root = realpathSync(dest);
  const at = (rel: string) => {
    const abs = path.join(root, rel);
    if (abs !== root && !abs.startsWith(root + path.sep)) throw new WorkspaceError(`'${rel}' is outside the project`);
    return abs;
  };
  let files = 0;
  let bytes = 0;
  const written = new Map<string, Buffer>();
  for (const e of entries) if (e.kind === 'dir' && e.path !== '.' && e.path !== '') mkdirSync(at(e.path), { recursive: true });
  for (const e of entries) {
    if (e.kind !== 'file' && e.kind !== 'hardlink') continue;
    if (e.path === '' || e.path === '.') continue;
    const data = e.kind === 'hardlink' ? written.get(e.target) : e.data;
    if (!data) throw new WorkspaceError(`hard link '${e.path}' names a file that is not earlier in the archive`);
    const abs = at(e.path);
    mkdirSync(path.dirname(abs), { recursive: true });
    // No link exists yet in dest (they are made last), so nothing here is written through one.
    writeFileSync(abs, data, { mode: e.kind === 'file' && e.executable ? 0o755 : 0o644 });
    written.set(e.path, data);
    files++;
    bytes += data.length;
  }
  // Links last, so no file above was written through one.
  for (const e of entries) {
    if (e.kind !== 'symlink') continue;
    const abs = at(e.path);
    mkdirSync(path.dirname(abs), { recursive: true });
    symlinkSync(e.target, abs);
  }
  return { files, bytes };
}

/** Resolves a `{"workspace": {"path": P}}` under the root (`--workspace-root`); throws WorkspaceError. */
export function resolveWorkspacePath(root: string | undefined, requested: string): string {
  if (!root) throw new WorkspaceError('this server takes no path workspaces: start it with --workspace-root DIR');
  const realRoot = realpathSync(root);
  let real: string;
  try {
    real = realpathSync(path.resolve(realRoot, requested));
  } catch {
    throw new WorkspaceError(`workspace path '${requested}' does not exist under the workspace root`);
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new WorkspaceError(`workspace path '${requested}' is outside the workspace root`);
  if (!lstatSync(real).isDirectory()) throw new WorkspaceError(`workspace path '${requested}' is not a folder`);
  return real;
}

/** Copies a folder under the same rules as an archive (links inside only, no devices, the same caps); `skip` leaves out top-level names. */
export function copyFolder(src: string, dest: string, limits: WorkspaceLimits = DEFAULT_WORKSPACE_LIMITS, skip: string[] = []): { files: number; bytes: number } {
  const entries: Entry[] = [];
  let bytes = 0;
  const walk = (relDir: string) => {
    for (const name of readdirSync(path.join(src, relDir)).sort()) {
      if (!relDir && skip.includes(name)) continue;
      const rel = relDir ? `${relDir}/${name}` : name;
      if (entries.length + 1 > limits.maxEntries) throw new WorkspaceError(`the workspace has more than ${limits.maxEntries} entries`);
      const st = lstatSync(path.join(src, rel));
      if (st.isDirectory()) {
        entries.push({ kind: 'dir', path: rel });
        walk(rel);
      } else if (st.isFile()) {
        bytes += st.size;
        if (bytes > limits.maxBytes) throw new WorkspaceError(`the workspace's files add up to more than ${limits.maxBytes} bytes`);
        entries.push({ kind: 'file', path: rel, data: readFileSync(path.join(src, rel)), executable: (st.mode & 0o111) !== 0 });
      } else if (st.isSymbolicLink()) {
        const target = readlinkSync(path.join(src, rel));
        const problem = linkTargetProblem(rel, target);
        if (problem) throw new WorkspaceError(`'${rel}': ${problem}`);
        entries.push({ kind: 'symlink', path: rel, target });
      } else throw new WorkspaceError(`'${rel}': only files, folders and links inside the project can be copied`);
    }
  };
  walk('');
  return writeEntries(entries, dest);
}
