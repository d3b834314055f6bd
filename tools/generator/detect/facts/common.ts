import path from 'node:path';
import type { ProjectDir } from '../project-dir.js';
import { isSafeAbsolute, isSafeToken } from '../../dockerfile/safe-values.js';
import { SourceFile, type CommentStyle } from './source-text.js';
import type { AppFacts, RouteFact, RuntimeFileFact, SourceRef } from './types.js';

/** The project's source files with these extensions, comments blanked; entry files first. */
export async function readSources(dir: ProjectDir, extensions: string[], style: CommentStyle, first: string[] = [], depth?: number): Promise<SourceFile[]> {
  const names = [...new Set([...first.map((f) => path.posix.normalize(f)), ...(await dir.sourceFiles(extensions, depth))])];
  const out: SourceFile[] = [];
  for (const file of names) {
    const text = await dir.readHint(file);
    if (text !== undefined) out.push(new SourceFile(file, text, style));
  }
  return out;
}

/** `/api` + `/items/` -> `/api/items/`; `` + `` -> `/`. */
export function joinRoute(prefix: string, route: string): string {
  const p = prefix.replace(/\/+$/, '');
  const r = route === '' || route === '/' ? (p ? '' : '/') : route.startsWith('/') ? route : `/${route}`;
  const joined = `${p}${r}`;
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** A path with parameters or wildcards cannot be probed as it is. */
export function hasParams(route: string): boolean {
  return /[:{}<>*()?$\[\]]/.test(route);
}

/** Names of environment variables an expression reads, in order (`process.env.PORT`, `os.Getenv("PORT")`, `ENV["PORT"]`...). */
export function envVarsIn(expr: string): string[] {
  const names: string[] = [];
  const patterns = [
    /process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
    /process\.env\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]/g,
    /(?:getenv|Getenv|LookupEnv|environ\.get|environ\[|env::var|Environment\.GetEnvironmentVariable|ENV\.fetch|ENV\[|env\(|System\.getenv)\(?\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g,
  ];
  for (const re of patterns) for (const m of expr.matchAll(re)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/** The first plausible port literal in an expression (1024 and up, or 80/443 spelled out). */
export function portIn(expr: string): number | undefined {
  for (const m of expr.matchAll(/(?<![\w.])(\d{2,5})(?![\w.])/g)) {
    const n = Number(m[1]);
    if (n >= 80 && n <= 65535) return n;
  }
  return undefined;
}

/** The literal address in an expression: loopback spellings, the any-address, or undefined. */
export function hostIn(expr: string): string | undefined {
  const m = /['"`](localhost|127\.0\.0\.1|::1|0\.0\.0\.0|::|\[::\]|\[::1\])(?::\d+)?['"`]/.exec(expr)
    ?? /\[\s*127\s*,\s*0\s*,\s*0\s*,\s*1\s*\]/.exec(expr)
    ?? /\[\s*0\s*,\s*0\s*,\s*0\s*,\s*0\s*\]/.exec(expr)
    ?? /Ipv4Addr::(LOCALHOST|UNSPECIFIED)|IPAddress\.(Loopback|Any)/.exec(expr);
  if (!m) return undefined;
  const v = m[1] ?? m[0];
  if (/^\[\s*127/.test(v) || v === 'LOCALHOST' || v === 'Loopback') return '127.0.0.1';
  if (/^\[\s*0/.test(v) || v === 'UNSPECIFIED' || v === 'Any') return '0.0.0.0';
  return v.replace(/^\[|\]$/g, '');
}

export function isLoopback(host: string | undefined): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}

/**
 * A path literal from the code as a project-relative path that exists (`./static`, `templates/*.html` -> `templates`,
 * `path.join(__dirname, 'views')` from a file in `src/` -> `src/views`). Absolute paths and `..` escapes are not the
 * project's. Globs resolve to the folder before the first wildcard.
 */
export async function projectPath(dir: ProjectDir, literal: string, fromFile?: string): Promise<string | undefined> {
  let p = literal.trim().replace(/\\/g, '/');
  if (!p || path.posix.isAbsolute(p) || /^[a-z]+:\/\//i.test(p)) return undefined;
  const wild = p.search(/[*?[{]/);
  if (wild >= 0) p = p.slice(0, wild).replace(/[^/]*$/, '');
  p = path.posix.normalize(p || '.').replace(/\/+$/, '');
  if (p === '.' || p.startsWith('..')) return undefined;
  const candidates = fromFile ? [path.posix.join(path.posix.dirname(fromFile), p), p] : [p];
  for (const c of candidates) {
    const n = path.posix.normalize(c);
    if (n !== '.' && !n.startsWith('..') && (await dir.has(n))) return n;
  }
  return undefined;
}

/** Adds a runtime file once (a folder covers the files inside it). */
export function addRuntimeFile(list: RuntimeFileFact[], fact: RuntimeFileFact): void {
  // Paths go into generated COPY and RUN lines: anything but plain names is not a fact we can use.
  if (fact.path !== '.' && !isSafeToken(fact.path) && !isSafeAbsolute(fact.path)) return;
  if (list.some((f) => f.path === fact.path || fact.path.startsWith(`${f.path}/`))) return;
  for (let i = list.length - 1; i >= 0; i--) if (list[i].path.startsWith(`${fact.path}/`)) list.splice(i, 1);
  list.push(fact);
}

export function addRoute(facts: AppFacts, route: RouteFact): void {
  if (!facts.routes.some((r) => r.path === route.path && r.method === route.method)) facts.routes.push(route);
}

/** Marks `/` as served, the first time. */
export function servesRoot(facts: AppFacts, ref: SourceRef, via: string): void {
  facts.root ??= { ...ref, via };
}

/** The GET-answering routes recorded so far. */
export function getRoutes(facts: AppFacts): RouteFact[] {
  return facts.routes.filter((r) => r.method === 'GET' || r.method === 'ANY');
}

/** After routes are known: a GET `/` route means the root is served. */
export function rootFromRoutes(facts: AppFacts): void {
  const root = getRoutes(facts).find((r) => r.path === '/');
  if (root) servesRoot(facts, root, 'a route for /');
}

/** A quoted string literal (single, double or backtick quotes); its content is the one capture group. */
export const STR = String.raw`['"\x60]([^'"\x60\n]*)['"\x60]`;
