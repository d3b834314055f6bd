import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from '../stack.js';

/** A project file larger than this is not read (lockfiles of monorepos can be huge; we only need manifests). */
export const MAX_PROJECT_FILE_BYTES = 1024 * 1024;
/** Source files read when looking for port and health-path hints. */
export const MAX_SOURCE_FILES_SCANNED = 200;
/** Folder depth walked when looking for source files. */
export const MAX_SCAN_DEPTH = 4;

export interface DetectOptions {
  maxFileBytes?: number;
  maxSourceFiles?: number;
  maxScanDepth?: number;
}

/**
 * Folders never worth scanning for source hints: dependencies and build output, and tests, fixtures
 * and examples, whose ports and main packages are not the app's.
 */
const SKIPPED_DIRS = new Set([
  'node_modules', '.git', 'vendor', 'target', 'build', 'dist', 'out', 'bin', 'obj', '.venv', 'venv',
  '__pycache__', '.next', '.gradle', '.idea', '.vscode', 'coverage', 'tmp', 'log',
  'test', 'tests', '__tests__', 'spec', 'testdata', 'fixtures',
]);
/** Skipped only at the project root: deeper down `routes/example/` or `docs/` can be the app's own code. */
const SKIPPED_TOP_DIRS = new Set(['examples', 'example', 'docs', 'samples']);

export class FileTooLargeError extends Error {
  constructor(readonly file: string, readonly size: number, readonly limit: number) {
    super(`${file}: ${size} bytes is over the ${limit}-byte limit for project files`);
  }
}

/** Read-only view of a project folder, with the limits applied and the evidence collected. */
export class ProjectDir {
  readonly evidence: Evidence[] = [];
  readonly maxFileBytes: number;
  readonly maxSourceFiles: number;
  readonly maxScanDepth: number;
  private topLevel: string[] | undefined;
  private realRoot: string | undefined;

  constructor(readonly root: string, opts: DetectOptions = {}) {
    this.maxFileBytes = opts.maxFileBytes ?? MAX_PROJECT_FILE_BYTES;
    this.maxSourceFiles = opts.maxSourceFiles ?? MAX_SOURCE_FILES_SCANNED;
    this.maxScanDepth = opts.maxScanDepth ?? MAX_SCAN_DEPTH;
  }

  note(file: string, what: string): void {
    this.evidence.push({ file, what });
  }

  /** Names in the project root. */
  async entries(): Promise<string[]> {
    if (!this.topLevel) {
      try {
        this.topLevel = (await readdir(this.root)).sort();
      } catch {
        this.topLevel = [];
      }
    }
    return this.topLevel;
  }

  async has(rel: string): Promise<boolean> {
    try {
      await stat(path.join(this.root, rel));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Text of a project file; undefined when absent, not a file, or a symlink leading out of the project
   * (a repository must not make us read, and echo into generated files, what lies outside it);
   * throws FileTooLargeError past the limit.
   */
  async read(rel: string): Promise<string | undefined> {
    const abs = path.join(this.root, rel);
    let size: number;
    try {
      const st = await stat(abs);
      if (!st.isFile()) return undefined;
      if (!(await this.inside(abs))) {
        this.note(rel, 'ignored: a symlink to a file outside the project');
        return undefined;
      }
      size = st.size;
    } catch {
      return undefined;
    }
    if (size > this.maxFileBytes) throw new FileTooLargeError(rel, size, this.maxFileBytes);
    return readFile(abs, 'utf8');
  }

  private async inside(abs: string): Promise<boolean> {
    this.realRoot ??= await realpath(this.root);
    const rel = path.relative(this.realRoot, await realpath(abs));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  /** Like read, but a too-large file is skipped (for optional hints). */
  async readHint(rel: string): Promise<string | undefined> {
    try {
      return await this.read(rel);
    } catch (err) {
      if (err instanceof FileTooLargeError) return undefined;
      throw err;
    }
  }

  /** First line of a one-value file such as `.nvmrc` or `.python-version`. */
  async readFirstLine(rel: string): Promise<string | undefined> {
    const text = await this.readHint(rel);
    const line = text?.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
    return line || undefined;
  }

  /**
   * Relative paths of source files with one of `extensions`, breadth first, skipping dependency and
   * build folders, at most maxSourceFiles of them and maxScanDepth folders deep.
   */
  async sourceFiles(extensions: string[], maxDepth = this.maxScanDepth): Promise<string[]> {
    const found: string[] = [];
    let level = [''];
    for (let depth = 0; depth <= maxDepth && level.length && found.length < this.maxSourceFiles; depth++) {
      const next: string[] = [];
      for (const dir of level) {
        let names: import('node:fs').Dirent[];
        try {
          names = await readdir(path.join(this.root, dir), { withFileTypes: true });
        } catch {
          continue;
        }
        names.sort((a, b) => a.name.localeCompare(b.name));
        for (const d of names) {
          const rel = dir ? `${dir}/${d.name}` : d.name;
          if (d.isDirectory()) {
            if (!SKIPPED_DIRS.has(d.name) && !(depth === 0 && SKIPPED_TOP_DIRS.has(d.name)) && !d.name.startsWith('.')) next.push(rel);
          } else if (d.isFile() && extensions.some((e) => d.name.endsWith(e))) {
            found.push(rel);
            if (found.length >= this.maxSourceFiles) return found;
          }
        }
      }
      level = next;
    }
    return found;
  }
}
