import path from 'node:path';
import type { ProjectDir } from '../project-dir.js';
import { addRoute, addRuntimeFile, envVarsIn, hostIn, isLoopback, joinRoute, portIn, projectPath, readSources, rootFromRoutes, STR } from './common.js';
import type { SourceFile } from './source-text.js';
import { emptyFacts, type AppFacts, type ListenFact, type SourceRef } from './types.js';

/** `@app.route('/x'`, `@bp.get('/x'`, `@router.api_route('/x'`. */
const DECORATOR = new RegExp(String.raw`@([A-Za-z_]\w*)\.(route|get|api_route|head)\(\s*[rbuf]?${STR}([^)]*)\)`, 'g');
const BLUEPRINT = /^\s*([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:flask\.)?(Blueprint|APIRouter)\(([^)]*)\)/gm;
const INCLUDE = /\.(register_blueprint|include_router)\(\s*([A-Za-z_][\w.]*)\s*(?:,([^)]*))?\)/g;
const IMPORT = /^\s*from\s+(\.*[\w.]*)\s+import\s+\(?([^)\n]+)\)?/gm;
/** http.server handlers: `if self.path == '/health':`. */
const RAW_PATH = new RegExp(String.raw`\bself\.path\s*(?:==|\.startswith\()\s*${STR}`, 'g');
const STARLETTE_ROUTE = new RegExp(String.raw`\b(?:Route|WebSocketRoute)\(\s*${STR}([^)]*)\)`, 'g');
const AIOHTTP_ROUTE = new RegExp(String.raw`(?:\.add_get|\bweb\.get|@routes\.get|\.add_route\(\s*['"]GET['"]\s*,)\(?\s*${STR}`, 'g');
const FILE_READS = new RegExp(String.raw`(?:send_from_directory|StaticFiles\(\s*directory\s*=|Jinja2Templates\(\s*directory\s*=|template_folder\s*=|static_folder\s*=|\bopen)\(?\s*[rbuf]?${STR}`, 'g');
const SQLITE = new RegExp(String.raw`(?:sqlite3\.connect\(\s*[rbuf]?['"]|sqlite:\/\/\/)([^'")\s{}]+)`, 'g');
const MAKEDIRS = new RegExp(String.raw`(?:os\.makedirs|os\.mkdir|Path)\(\s*[rbuf]?${STR}[^)]*\)(?:\.mkdir)?`, 'g');
const UPLOADS = new RegExp(String.raw`(?:UPLOAD_FOLDER|UPLOAD_DIR|MEDIA_ROOT)\s*[=:]\s*[rbuf]?${STR}`, 'g');
const RUN = /\b(?:app|application|server|[a-z_]*app)\.run\(([^)]*)\)|\buvicorn\.run\(([^)]*)\)|\bweb\.run_app\(([^)]*)\)/g;

export type PythonAppKind = 'wsgi' | 'asgi' | 'aiohttp';
export interface PythonAppObject extends SourceRef {
  /** Dotted module path from the project root (`app.main`). */
  module: string;
  /** The variable (`app`) or factory call (`create_app()`). */
  attr: string;
  kind: PythonAppKind;
  framework: string;
}

const APP_CONSTRUCTORS: [RegExp, PythonAppKind, string][] = [
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*(?:flask\.)?Flask\(/gm, 'wsgi', 'flask'],
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*(?:fastapi\.)?FastAPI\(/gm, 'asgi', 'fastapi'],
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*(?:starlette\.applications\.)?Starlette\(/gm, 'asgi', 'starlette'],
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*Quart\(/gm, 'asgi', 'quart'],
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*(?:bottle\.)?Bottle\(/gm, 'wsgi', 'bottle'],
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*falcon\.App\(/gm, 'wsgi', 'falcon'],
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*falcon\.asgi\.App\(/gm, 'asgi', 'falcon'],
  [/^(\w+)\s*(?::\s*[\w.]+\s*)?=\s*web\.Application\(/gm, 'aiohttp', 'aiohttp'],
];

/** Module path of a project file (`app/main.py` -> `app.main`; `src/pkg/app.py` -> `pkg.app` with `src` as the app dir). */
export function modulePath(file: string): { module: string; appDir?: string } {
  const noExt = file.replace(/\.py$/, '').replace(/\/__init__$/, '');
  if (noExt.startsWith('src/')) return { module: noExt.slice(4).replace(/\//g, '.'), appDir: 'src' };
  return { module: noExt.replace(/\//g, '.') };
}

/** Application objects and factories at module level (`app = Flask(__name__)`, `def create_app():`). */
export function pythonAppObjects(sources: SourceFile[]): PythonAppObject[] {
  const out: PythonAppObject[] = [];
  for (const src of sources) {
    const { module } = modulePath(src.file);
    for (const [re, kind, framework] of APP_CONSTRUCTORS) {
      for (const { m, line } of src.matches(re)) out.push({ module, attr: m[1], kind, framework, file: src.file, line });
    }
    // Factories callable without arguments (`def create_app(test_config=None):`).
    for (const { m, line } of src.matches(/^def (create_app|make_app|app_factory)\(\s*(?:\w+\s*(?::\s*[\w.[\], |]+)?\s*=\s*[^,)]+,?\s*)*\)/gm)) {
      const framework = /FastAPI\(/.test(src.code) ? 'fastapi' : /Flask\(/.test(src.code) ? 'flask' : /web\.Application\(/.test(src.code) ? 'aiohttp' : undefined;
      if (framework) out.push({ module, attr: `${m[1]}()`, kind: framework === 'fastapi' ? 'asgi' : framework === 'aiohttp' ? 'aiohttp' : 'wsgi', framework, file: src.file, line });
    }
  }
  return out;
}

export async function pythonSources(dir: ProjectDir, first: string[] = []): Promise<SourceFile[]> {
  return readSources(dir, ['.py'], 'hash', first);
}

/** Routes (with blueprint, router and URLconf prefixes), the `run()` bind, files read and written. */
export async function pythonFacts(dir: ProjectDir, sources: SourceFile[], opts: { framework?: string; requirements: Set<string> }): Promise<AppFacts> {
  const facts = emptyFacts();
  const prefixes = routerPrefixes(sources);
  for (const src of sources) {
    for (const { m, line } of src.matches(DECORATOR)) {
      const [, receiver, kind, route, rest] = m;
      if (!route.startsWith('/') && route !== '') continue;
      const methods = /methods\s*=\s*\[([^\]]*)\]/.exec(rest)?.[1];
      if (kind === 'route' || kind === 'api_route') {
        if (methods && !/['"]GET['"]/i.test(methods)) continue;
      }
      const prefix = prefixes.get(`${src.file}#${receiver}`) ?? '';
      addRoute(facts, { method: 'GET', path: joinRoute(prefix, route), file: src.file, line });
    }
    for (const { m, line } of src.matches(STARLETTE_ROUTE)) {
      const methods = /methods\s*=\s*\[([^\]]*)\]/.exec(m[2])?.[1];
      if (m[1].startsWith('/') && (!methods || /GET/i.test(methods))) addRoute(facts, { method: 'GET', path: m[1], file: src.file, line });
    }
    for (const { m, line } of src.matches(RAW_PATH)) if (m[1].startsWith('/')) addRoute(facts, { method: 'GET', path: m[1], file: src.file, line });
    for (const { m, line } of src.matches(AIOHTTP_ROUTE)) if (m[1].startsWith('/')) addRoute(facts, { method: 'GET', path: m[1], file: src.file, line });
    await scanFiles(dir, src, facts, opts.requirements);
    facts.listen ??= scanRun(src);
  }
  if (opts.framework === 'django') djangoRoutes(sources, facts);
  rootFromRoutes(facts);
  return facts;
}

/**
 * Prefix of each router variable, keyed `file#var`: the Blueprint/APIRouter's own prefix plus the prefix it is
 * registered or included with (`app.include_router(items.router, prefix="/items")`).
 */
function routerPrefixes(sources: SourceFile[]): Map<string, string> {
  const own = new Map<string, string>();
  for (const src of sources) {
    for (const { m } of src.matches(BLUEPRINT)) {
      const p = new RegExp(String.raw`(?:url_prefix|prefix)\s*=\s*[rbuf]?${STR}`).exec(m[3])?.[1];
      own.set(`${src.file}#${m[1]}`, p ?? '');
    }
  }
  const result = new Map(own);
  const byModule = (mod: string, from: string): string[] => {
    const rel = mod.replace(/^\.+/, '');
    const dots = /^\.*/.exec(mod)![0].length;
    let base = dots ? path.posix.dirname(from) : '';
    for (let i = 1; i < dots; i++) base = path.posix.dirname(base);
    const stem = path.posix.join(base === '.' ? '' : base, rel.replace(/\./g, '/'));
    return [`${stem}.py`, `${stem}/__init__.py`, `src/${stem}.py`];
  };
  for (const src of sources) {
    const imported = new Map<string, string[]>();
    for (const { m } of src.matches(IMPORT)) {
      for (const part of m[2].split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (!name) continue;
        // `from .routers import items` (a module) or `from .views import bp` (a variable).
        imported.set(alias ?? name, [...byModule(`${m[1]}${m[1].endsWith('.') ? '' : '.'}${name}`, src.file), ...byModule(m[1], src.file).map((f) => `${f}#${name}`)]);
      }
    }
    for (const { m } of src.matches(INCLUDE)) {
      const expr = m[2];
      const extra = m[3] ? new RegExp(String.raw`(?:url_prefix|prefix)\s*=\s*[rbuf]?${STR}`).exec(m[3])?.[1] ?? '' : '';
      const parts = expr.split('.');
      const variable = parts.pop()!;
      const candidates: string[] = [];
      if (parts.length) {
        for (const f of imported.get(parts[0]) ?? byModule(parts.join('.'), src.file)) if (!f.includes('#')) candidates.push(`${f}#${variable}`);
      } else {
        for (const f of imported.get(variable) ?? []) candidates.push(f.includes('#') ? f : `${f}#${variable}`);
        candidates.push(`${src.file}#${variable}`);
      }
      const key = candidates.find((k) => own.has(k));
      if (key) result.set(key, joinRoute(extra, own.get(key) ?? '').replace(/^\/$/, ''));
    }
  }
  return result;
}

async function scanFiles(dir: ProjectDir, src: SourceFile, facts: AppFacts, requirements: Set<string>): Promise<void> {
  for (const { m, line } of src.matches(FILE_READS)) {
    const p = await projectPath(dir, m[1], src.file);
    if (p && !p.endsWith('.py')) addRuntimeFile(facts.runtimeFiles, { path: p, via: 'read at run time', file: src.file, line });
  }
  const writable = (literal: string, line: number, via: string) => {
    const p = path.posix.normalize(literal.replace(/\\/g, '/'));
    if (path.posix.isAbsolute(p) || p.startsWith('..') || p === ':memory:' || p.includes('{')) return;
    const folder = /\.[A-Za-z0-9]+$/.test(p) ? path.posix.dirname(p) : p;
    addRuntimeFile(facts.writable, { path: folder === '' ? '.' : folder, via, file: src.file, line });
  };
  for (const { m, line } of src.matches(SQLITE)) {
    // Flask-SQLAlchemy 3 keeps relative SQLite files in the instance folder.
    const inInstance = requirements.has('flask-sqlalchemy') && !m[1].includes('/');
    writable(inInstance ? `instance/${m[1]}` : m[1], line, 'SQLite database');
  }
  for (const { m, line } of src.matches(MAKEDIRS)) writable(m[1], line, 'folder created at run time');
  for (const { m, line } of src.matches(UPLOADS)) writable(m[1], line, 'uploads');
}

function scanRun(src: SourceFile): ListenFact | undefined {
  for (const { m, line } of src.matches(RUN)) {
    const args = m[1] ?? m[2] ?? m[3] ?? '';
    const isAiohttp = m[3] !== undefined;
    const hostExpr = /\bhost\s*=\s*([^,]+)/.exec(args)?.[1] ?? '';
    const portExpr = /\bport\s*=\s*([^,]+(?:\([^)]*\))?[^,]*)/.exec(args)?.[1] ?? '';
    const isUvicorn = m[2] !== undefined;
    const host = hostIn(hostExpr) ?? (isAiohttp ? '0.0.0.0' : hostExpr ? undefined : '127.0.0.1');
    // Defaults when no port is given: aiohttp 8080, uvicorn 8000, Flask 5000.
    const defaultPort = portExpr ? undefined : isAiohttp ? 8080 : isUvicorn ? 8000 : 5000;
    const hostEnv = envVarsIn(hostExpr)[0];
    const portEnv = envVarsIn(portExpr)[0];
    const localOnly = isLoopback(host) && !hostEnv;
    const why = hostExpr ? `run(host=${hostExpr.trim()})` : isAiohttp ? 'web.run_app() binds every interface' : 'run() without host binds 127.0.0.1 only';
    return { port: portIn(portExpr) ?? defaultPort, portEnv, host, hostEnv, localOnly, why, file: src.file, line };
  }
  return undefined;
}

/** Django URLconf: ROOT_URLCONF's `path()` entries, following `include()` with its prefix. */
function djangoRoutes(sources: SourceFile[], facts: AppFacts): void {
  const settings = sources.find((s) => /ROOT_URLCONF\s*=/.test(s.code));
  const root = settings && /ROOT_URLCONF\s*=\s*['"]([\w.]+)['"]/.exec(settings.code)?.[1];
  if (!root) return;
  const byModule = new Map(sources.map((s) => [modulePath(s.file).module, s]));
  const seen = new Set<string>();
  const walk = (mod: string, prefix: string) => {
    const src = byModule.get(mod);
    if (!src || seen.has(mod)) return;
    seen.add(mod);
    for (const { m, line } of src.matches(/\b(re_)?path\(\s*r?['"]([^'"]*)['"]\s*,\s*(include\(\s*['"]([\w.]+)['"])?/g)) {
      let route = m[2];
      if (m[1]) {
        if (/[()[\]{}|+?*\\]/.test(route.replace(/^\^|\$$/g, ''))) continue;
        route = route.replace(/^\^|\$$/g, '');
      }
      const full = `${prefix}${route}`;
      if (m[4]) walk(m[4], full);
      else if (!m[3]) addRoute(facts, { method: 'GET', path: `/${full}`, file: src.file, line });
    }
  };
  walk(root, '');
}
