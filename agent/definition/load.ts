import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { DefinitionError } from './errors.js';
import { definitionCacheFor, parseDefinitionCached, type DefinitionCache } from './parse-cache.js';
import type { AgentDefinition } from './types.js';

export interface LoadOptions {
  cwd: string;
  /** `--agents-dir`: searched first. */
  agentsDir?: string;
  /** Defaults to the package's own `.claude/agents`; tests point it elsewhere. */
  packageAgentsDir?: string;
  maxBytes?: number;
  /** Parsed definitions on disk (parse-cache.ts); default: definitionCacheFor(process.env). */
  cache?: DefinitionCache | null;
}

export type SourceLevel = 'agents-dir' | 'project' | 'package';

export interface LoadedAgent extends AgentDefinition {
  level: SourceLevel;
}

export interface LoadResult {
  /** One definition per name: the nearest level wins. */
  agents: LoadedAgent[];
  /** Files that could not be used, each naming file:line. */
  errors: DefinitionError[];
  /** Two files of one level with the same name: the first in path order is used. */
  duplicates: { name: string; level: SourceLevel; files: string[] }[];
  /** A definition hidden by a nearer one of the same name. */
  shadowed: { name: string; file: string; by: string }[];
}

/** Where definitions are looked up, nearest first (CONTRACT: `--agents-dir`, `<cwd>/.claude/agents`, the package's own). */
export function agentSources(opts: LoadOptions): { dir: string; level: SourceLevel }[] {
  const sources: { dir: string; level: SourceLevel }[] = [];
  if (opts.agentsDir) sources.push({ dir: path.resolve(opts.cwd, opts.agentsDir), level: 'agents-dir' });
  sources.push({ dir: path.join(path.resolve(opts.cwd), '.claude', 'agents'), level: 'project' });
  sources.push({ dir: opts.packageAgentsDir ?? path.join(packageRoot(), '.claude', 'agents'), level: 'package' });
  const seen = new Set<string>();
  return sources.filter((s) => !seen.has(s.dir) && seen.add(s.dir));
}

export async function loadAgents(opts: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { agents: [], errors: [], duplicates: [], shadowed: [] };
  const byName = new Map<string, LoadedAgent>();
  const cache = opts.cache === undefined ? definitionCacheFor(process.env) : (opts.cache ?? undefined);
  for (const source of agentSources(opts)) {
    const levelAgents = new Map<string, LoadedAgent[]>();
    for (const file of markdownFiles(source.dir)) {
      try {
        const def = await parseDefinitionCached(file, readFileSync(file), { maxBytes: opts.maxBytes }, cache);
        const list = levelAgents.get(def.name) ?? [];
        list.push({ ...def, level: source.level });
        levelAgents.set(def.name, list);
      } catch (err) {
        if (err instanceof DefinitionError) result.errors.push(err);
        else result.errors.push(new DefinitionError(file, 1, `cannot read: ${(err as Error).message}`));
      }
    }
    for (const [name, defs] of levelAgents) {
      if (defs.length > 1) result.duplicates.push({ name, level: source.level, files: defs.map((d) => d.file) });
      const nearer = byName.get(name);
      if (nearer) result.shadowed.push({ name, file: defs[0].file, by: nearer.file });
      else byName.set(name, defs[0]);
    }
  }
  result.agents = [...byName.values()];
  return result;
}

/**
 * The definition to run. Throws DefinitionError when it is missing, or when a file that failed to load is
 * named after it (a broken `docker-expert.md` must not silently fall back to the package's copy).
 * `loadedAlready`: the result of loadAgents with the same options, when the caller has it.
 */
export async function findAgent(name: string, opts: LoadOptions, loadedAlready?: LoadResult): Promise<{ definition: LoadedAgent; loaded: LoadResult }> {
  const loaded = loadedAlready ?? (await loadAgents(opts));
  const broken = loaded.errors.find((e) => path.basename(e.file, '.md') === name);
  const definition = loaded.agents.find((a) => a.name === name);
  if (broken && (!definition || isNearer(broken.file, definition, opts))) throw broken;
  if (!definition) {
    const known = loaded.agents.map((a) => a.name).join(', ') || 'none';
    const where = agentSources(opts).map((s) => s.dir).join(', ');
    throw new DefinitionError(opts.agentsDir ?? path.join(opts.cwd, '.claude', 'agents'), 1, `no agent named '${name}' in ${where} (found: ${known})`);
  }
  return { definition, loaded };
}

function isNearer(file: string, def: LoadedAgent, opts: LoadOptions): boolean {
  const sources = agentSources(opts);
  const rank = (f: string) => sources.findIndex((s) => f.startsWith(s.dir + path.sep));
  return rank(file) <= rank(def.file);
}

/**
 * Read synchronously: a few small files, read at the start of every run (and of every `serve` task, for its Task
 * tool). Each asynchronous read is a round trip through libuv's thread pool and the event loop, and under load those
 * waits (not the reads) made this the slowest step of a task's start.
 */
function markdownFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
  return entries
    .filter((e) => e.endsWith('.md') && !e.split(path.sep).some((part) => part === 'node_modules' || part.startsWith('.')))
    .map((e) => path.join(dir, e))
    .sort();
}
