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

interface FileEntry {
  kind: 'file';
  path: string;
  /** Filled when the archive's entry has been read. */
  data: Buffer;
  executable: boolean;
}
type Entry =
  | { kind: 'dir'; path: string }
  | FileEntry
  | { kind: 'symlink'; path: string; target: string }
  /** Written as a copy of `of`, a file earlier in the archive. */
  | { kind: 'hardlink'; path: string; of: FileEntry };

/** What an entry makes at its path: two entries may make the same folder or file, never different things there. */
type Made = 'folder' | 'file' | 'symbolic link';
const MADE: Record<Entry['kind'], Made> = { dir: 'folder', file: 'file', hardlink: 'file', symlink: 'symbolic link' };

/** Unpacks a gzipped tar into `dest` (made if missing) after checking every entry; throws WorkspaceError. */
export async function extractTarGz(archive: Buffer, dest: string, limits: WorkspaceLimits = DEFAULT_WORKSPACE_LIMITS): Promise<{ files: number; bytes: number }> {
  let tarBytes: Buffer;
  try {
    // Headers and padding add at most 1.5 KB per entry to the content.
    tarBytes = gunzipSync(archive, { maxOutputLength: limits.maxBytes + (limits.maxEntries + 2) * 1536 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new WorkspaceError(`the workspace archive unpacks to more than ${limits.maxBytes} bytes`);
    throw new WorkspaceError(`the workspace part is not a gzip file: ${(err as Error).message}`);
  }
  const entries = await readTar(tarBytes, limits);
  return writeEntries(entries, dest);
}

/**
 * Reads and checks every entry. tar's strict parser refuses what is malformed before an entry reaches us (an empty
 * path, a link without a target, a bad checksum) and reports it as an error, never as a warning.
 */
async function readTar(tarBytes: Buffer, limits: WorkspaceLimits): Promise<Entry[]> {
  const entries: Entry[] = [];
  const problems: string[] = [];
  let bytes = 0;
  const made = new Map<string, Made>();
  const files = new Map<string, FileEntry>();
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const raw = entry.path;
        // Every entry's content is read or skipped (a file's is read by its 'data' handler).
        const refuse = (problem: string) => {
          problems.push(problem);
          entry.resume();
        };
        const problem = entryProblem(entry, made);
        if (problem) return refuse(`'${raw}': ${problem}`);
        if (entries.length + 1 > limits.maxEntries) return refuse(`more than ${limits.maxEntries} entries`);
        const rel = normalise(raw);
        let e: Entry;
        if (entry.type === 'Directory') e = { kind: 'dir', path: rel };
        else if (entry.type === 'SymbolicLink') e = { kind: 'symlink', path: rel, target: entry.linkpath! };
        else if (entry.type === 'Link') {
          const of = files.get(normalise(entry.linkpath!));
          if (!of) return refuse(`'${raw}': a hard link must name a file earlier in the archive`);
          e = { kind: 'hardlink', path: rel, of };
        } else {
          bytes += entry.size;
          if (bytes > limits.maxBytes) return refuse(`the files add up to more than ${limits.maxBytes} bytes`);
          const file: FileEntry = { kind: 'file', path: rel, data: Buffer.alloc(0), executable: ((entry.mode ?? 0o644) & 0o111) !== 0 };
          const chunks: Buffer[] = [];
          entry.on('data', (c: Buffer) => chunks.push(c));
          entry.on('end', () => (file.data = Buffer.concat(chunks)));
          files.set(rel, file);
          e = file;
        }
        entries.push(e);
        made.set(rel, MADE[e.kind]);
        // Its folders are folders (entryProblem refused it if one was anything else).
        for (let p = path.posix.dirname(rel); p !== '.'; p = path.posix.dirname(p)) made.set(p, 'folder');
        entry.resume();
      },
    });
    parser.on('error', (err: Error) => reject(new WorkspaceError(`the workspace archive is not a valid tar: ${err.message}`)));
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

const KIND: Partial<Record<string, Entry['kind']>> = { File: 'file', OldFile: 'file', ContiguousFile: 'file', Directory: 'dir', SymbolicLink: 'symlink', Link: 'hardlink' };

/** Why an entry may not be unpacked, or undefined; `made` is what the entries before it make. */
function entryProblem(entry: ReadEntry, made: Map<string, Made>): string | undefined {
  const kind = KIND[entry.type];
  if (!kind) return `${entry.type} entries are not allowed (only files, folders and links inside the project)`;
  const pathProblem = relativePathProblem(entry.path);
  if (pathProblem) return pathProblem;
  const rel = normalise(entry.path);
  if (rel === '.' && kind !== 'dir') return 'only a folder can name the project folder itself';
  const before = made.get(rel);
  if (before !== undefined && (before !== MADE[kind] || before === 'symbolic link')) return `the archive already has a ${before} there`;
  // Nothing is written through a link the archive itself made, nor into a file.
  for (let p = path.posix.dirname(rel); p !== '.'; p = path.posix.dirname(p)) {
    const folder = made.get(p);
    if (folder !== undefined && folder !== 'folder') return `its folder '${p}' is a ${folder} in the archive`;
  }
  // (tar's strict parser refuses a link without a target.)
  if (kind === 'symlink') return linkTargetProblem(rel, entry.linkpath!);
  if (kind === 'hardlink') {
    const p = relativePathProblem(entry.linkpath!);
    return p ? `hard link target ${p}` : undefined;
  }
  return undefined;
}

/** An entry's path (or a hard link's target); tar's parser has already refused empty ones and cut any at a NUL. */
function relativePathProblem(p: string): string | undefined {
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p) || /^[A-Za-z]:/.test(p)) return 'absolute paths are not allowed';
  if (p.split(/[\\/]/).includes('..')) return "'..' in the path is not allowed";
  return undefined;
}

/** A symbolic link may point only at a place inside the project, given relative to the link. */
function linkTargetProblem(rel: string, target: string): string | undefined {
  if (path.posix.isAbsolute(target) || path.win32.isAbsolute(target)) return `symbolic link to the absolute path '${target}' points out of the project`;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(rel), target.replace(/\\/g, '/')));
  if (resolved === '..' || resolved.startsWith('../')) return `symbolic link to '${target}' points out of the project`;
  return undefined;
}

/** A checked entry path with `/` separators and no `.` parts or trailing `/`; the project folder itself is `.`. */
function normalise(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/\/$/, '');
}

function writeEntries(entries: Entry[], dest: string): { files: number; bytes: number } {
  mkdirSync(dest, { recursive: true });
  const root = realpathSync(dest);
  // Every path was checked before (an archive's entries one by one, a copied folder's names come from readdir); this
  // is the last guard before a write, kept should a check above ever change (docs/mutation.md).
  const at = (rel: string) => {
    const abs = path.join(root, rel);
    if (abs !== root && !abs.startsWith(root + path.sep)) throw new WorkspaceError(`'${rel}' is outside the project`);
    return abs;
  };
  let files = 0;
  let bytes = 0;
  for (const e of entries) if (e.kind === 'dir') mkdirSync(at(e.path), { recursive: true });
  for (const e of entries) {
    if (e.kind !== 'file' && e.kind !== 'hardlink') continue;
    const file = e.kind === 'hardlink' ? e.of : e;
    const abs = at(e.path);
    mkdirSync(path.dirname(abs), { recursive: true });
    // No link exists yet in dest (they are made last), so nothing here is written through one.
    writeFileSync(abs, file.data, { mode: file.executable ? 0o755 : 0o644 });
    files++;
    bytes += file.data.length;
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
export function copyFolder(src: string, dest: string, limits: WorkspaceLimits = DEFAULT_WORKSPACE_LIMITS, skip?: readonly string[]): { files: number; bytes: number } {
  const entries: Entry[] = [];
  let bytes = 0;
  const walk = (relDir: string) => {
    for (const name of readdirSync(path.join(src, relDir)).sort()) {
      if (!relDir && skip?.includes(name)) continue;
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
