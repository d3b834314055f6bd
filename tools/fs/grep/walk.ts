import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { lazyPicomatch } from '../../../agent/lazy-modules.js';
import { FILE_TYPE_GLOBS } from './file-types.js';
import { GlobOverrides, gitignoreVerdict, parseGitignore, type GlobRule } from './glob-rules.js';
import { SearchError, type OverrideGlob } from './search-types.js';

interface IgnoreLevel {
  dir: string;
  rules: GlobRule[];
}

export interface WalkOptions {
  globs: readonly OverrideGlob[];
  type?: string;
  signal: AbortSignal;
}

/**
 * The files the JS fallback searches under `root`, in the order `rg --sort path` visits them (each folder's
 * entries sorted by name, depth first), filtered the way our rg flags filter: `--glob` overrides first,
 * then `.gitignore` files (the tree's and its parents' up to the repository root), then `--type`.
 * Hidden files are included; symbolic links are not followed (rg's default).
 */
export async function* walkSearchFiles(root: string, options: WalkOptions): AsyncGenerator<string> {
  const overrides = new GlobOverrides(options.globs);
  const typeMatcher = compileType(options.type);
  const levels = await parentIgnoreLevels(root);

  async function* visit(dir: string, inherited: IgnoreLevel[]): AsyncGenerator<string> {
    if (options.signal.aborted) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: rg skips it too
    }
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name))); // byte order, as rg sorts
    const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? await readIgnoreLevel(dir) : undefined;
    const active = own ? [...inherited, own] : inherited;
    for (const entry of entries) {
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue;
      const abs = join(dir, entry.name);
      const rel = relative(root, abs);
      const chosen = overrides.verdict(rel, isDir);
      if (chosen === 'ignore') continue;
      if (chosen === 'none') {
        if (ignoredByGitignore(active, abs, isDir)) continue;
        if (!isDir && typeMatcher && !typeMatcher(entry.name)) continue;
      }
      if (isDir) yield* visit(abs, active);
      else yield abs;
    }
  }
  yield* visit(root, levels);
}

/** rg reads `.gitignore` in the folders above the search root too, up to the one holding `.git`. */
async function parentIgnoreLevels(root: string): Promise<IgnoreLevel[]> {
  const levels: IgnoreLevel[] = [];
  if (await exists(join(root, '.git'))) return levels;
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const level = await readIgnoreLevel(dir);
    if (level) levels.unshift(level);
    if (dir === dirname(dir) || (await exists(join(dir, '.git')))) break;
  }
  return levels;
}

async function readIgnoreLevel(dir: string): Promise<IgnoreLevel | undefined> {
  try {
    return { dir, rules: parseGitignore(await readFile(join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** The deepest `.gitignore` with an opinion decides (a child's negation beats its parent's rule). */
function ignoredByGitignore(levels: readonly IgnoreLevel[], abs: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i -= 1) {
    const verdict = gitignoreVerdict(levels[i].rules, relative(levels[i].dir, abs), isDir);
    if (verdict !== 'none') return verdict === 'ignore';
  }
  return false;
}

function compileType(type: string | undefined): ((name: string) => boolean) | undefined {
  if (type === undefined) return undefined;
  const globs = FILE_TYPE_GLOBS[type];
  if (!globs) throw new SearchError(`unrecognized file type: ${type}`);
  return lazyPicomatch()([...globs], { dot: true, posix: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
