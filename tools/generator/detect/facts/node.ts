import path from 'node:path';
import type { ProjectDir } from '../project-dir.js';
import { addRoute, addRuntimeFile, envVarsIn, getRoutes, hostIn, isLoopback, portIn, projectPath, readSources, rootFromRoutes, servesRoot, STR } from './common.js';
import type { SourceFile } from './source-text.js';
import { emptyFacts, type AppFacts, type ListenFact } from './types.js';

const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** `app.get('/x'`, `router.all('/x'`, `fastify.head('/x'`, Hono and Koa routers alike. */
const ROUTE_CALL = new RegExp(String.raw`(?:\b([A-Za-z_$][\w$]*)|\))\s*\.(get|all|head|use)\(\s*${STR}`, 'g');
/** node:http handlers comparing the path: `url.pathname === '/health'`, `case '/health':`. */
const RAW_PATH = new RegExp(String.raw`\b(?:pathname|url|path|reqPath|route)\s*===?\s*${STR}|\bcase\s+${STR}\s*:`, 'g');
/** `fastify.route({ method: 'GET', url: '/x' })` in either order. */
const ROUTE_OBJECT = /\.route\(\s*\{([^}]*)\}/g;
/** NestJS: `@Controller('cats')` and `@Get('x')`. */
const NEST_CONTROLLER = new RegExp(String.raw`@Controller\(\s*(?:${STR})?\s*\)`, 'g');
const NEST_GET = new RegExp(String.raw`@(Get|All|Head)\(\s*(?:${STR})?\s*\)`, 'g');
/** `app.use('/api', router)` and `app.use('/api', require('./routes/api'))`. */
const MOUNT = new RegExp(String.raw`\.(?:use|register|route)\(\s*${STR}\s*,\s*(?:require\(\s*${STR}\s*\)|([A-Za-z_$][\w$]*))`, 'g');
/** `register(plugin, { prefix: '/api' })` (Fastify). */
const FASTIFY_PREFIX = new RegExp(String.raw`\.register\(\s*(?:require\(\s*${STR}\s*\)|([A-Za-z_$][\w$]*))\s*,\s*\{[^}]*prefix\s*:\s*${STR}`, 'g');
const IMPORT_FROM = new RegExp(String.raw`(?:import\s+([A-Za-z_$][\w$]*)\s+from\s*${STR}|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*${STR}\s*\))`, 'g');
/** `path.join(__dirname, 'x')`, `__dirname + '/x'`, or a bare literal, before the path itself. */
const DIRNAME = String.raw`(?:path\.(?:join|resolve)\(\s*(?:__dirname|process\.cwd\(\))\s*,\s*|__dirname\s*\+\s*)?`;
const STATIC_DIR = new RegExp(String.raw`(?:express\.static|serveStatic|koaStatic|serve|static|serveStatic)\(\s*${DIRNAME}${STR}`, 'g');
const FASTIFY_STATIC_ROOT = new RegExp(String.raw`root\s*:\s*${DIRNAME}${STR}`, 'g');
const VIEWS = new RegExp(String.raw`(?:\.set\(\s*['"]views['"]\s*,|views\(|root\s*:|viewsPath\s*[:=]|templatesDir\s*[:=])\s*${DIRNAME}${STR}`, 'g');
const FILE_READ = new RegExp(String.raw`(?:readFileSync|readFile|sendFile|createReadStream|JSONFile|JSONFileSync|FileSync|FileAsync)\(\s*${DIRNAME}${STR}`, 'g');
/** Files and folders written: SQLite and NeDB files, lowdb JSON, uploads, created folders; a literal or a variable. */
const WRITES = new RegExp(String.raw`(?:new\s+(?:sqlite3\.)?Database|\bDatabase|Datastore|JSONFile|JSONFileSync|FileSync|FileAsync|writeFileSync|mkdirSync|multer)\(\s*(?:\{\s*(?:dest|filename|storage)\s*:\s*)?${DIRNAME}(?:${STR}|([A-Za-z_$][\w$]*))`, 'g');
/** `.listen(` with its argument text up to the matching parenthesis (computed by hand). */
const LISTEN = /\.listen\(|\bserve\(\s*\{|\bcreateServer\([^)]*\)\.listen\(/g;

/** Facts of a Node.js server: routes (with mount prefixes), listen address, files it serves and writes. */
export async function nodeFacts(dir: ProjectDir, opts: { entry?: string; framework?: string; startArgs?: string[]; autoload?: boolean }): Promise<AppFacts> {
  const facts = emptyFacts();
  const sources = await readSources(dir, EXTENSIONS, 'c', opts.entry ? [opts.entry] : []);
  const prefixes = mountPrefixes(sources);
  for (const src of sources) {
    const prefix = prefixes.get(src.file) ?? (opts.autoload ? autoloadPrefix(src.file) : '');
    scanRoutes(src, prefix, facts);
    await scanFiles(dir, src, facts);
    facts.listen ??= scanListen(src, opts.framework);
  }
  rootFromRoutes(facts);
  if (opts.framework === 'next' || opts.framework === 'nuxt') servesRoot(facts, { file: 'package.json', line: 1 }, `${opts.framework} serves pages at /`);
  const cli = opts.startArgs?.[0];
  if (cli === 'fastify' || opts.startArgs?.some((a) => a.endsWith('/fastify'))) facts.listen = fastifyCliListen(opts.startArgs ?? []);
  return facts;
}

function scanRoutes(src: SourceFile, prefix: string, facts: AppFacts): void {
  for (const { m, line } of src.matches(ROUTE_CALL)) {
    const [, receiver, method, route] = m;
    // `router.get('', h)` serves the mount point itself.
    if ((route !== '' && !route.startsWith('/')) || (route === '' && !/router|route|r$/i.test(receiver ?? '')) || receiver === 'process' || receiver === 'Object') continue;
    if (method === 'use') continue;
    addRoute(facts, { method: method === 'all' ? 'ANY' : method.toUpperCase(), path: joinPath(prefix, route), file: src.file, line });
  }
  const server = /\bcreateServer\(/.exec(src.code);
  if (server) {
    let compared = false;
    for (const { m, line } of src.matches(RAW_PATH)) {
      const route = m[1] ?? m[2];
      if (route.startsWith('/')) {
        compared = true;
        addRoute(facts, { method: 'GET', path: route, file: src.file, line });
      }
    }
    // A bare node:http handler that never looks at the path answers every path, / included.
    if (!compared && !/\.(?:get|route|use)\(/.test(src.code)) servesRoot(facts, { file: src.file, line: src.line(server.index) }, 'a node:http handler that answers every path');
  }
  for (const { m, line } of src.matches(ROUTE_OBJECT)) {
    const body = m[1];
    // Fastify's `url`, hapi's `path`.
    const url = /(?:url|path)\s*:\s*['"`](\/[^'"`]*)['"`]/.exec(body)?.[1];
    const method = /method\s*:\s*\[?\s*['"`]([A-Z]+)['"`]/.exec(body)?.[1];
    if (url && (!method || method === 'GET')) addRoute(facts, { method: 'GET', path: joinPath(prefix, url), file: src.file, line });
  }
  const controllers = [...src.matches(NEST_CONTROLLER)];
  if (controllers.length) {
    for (const { m, line } of src.matches(NEST_GET)) {
      const owner = controllers.filter((c) => c.m.index < m.index).pop();
      const base = owner?.m[1] ?? '';
      addRoute(facts, { method: m[1] === 'Get' ? 'GET' : 'ANY', path: joinPath(joinPath(prefix, base), m[2] ?? ''), file: src.file, line });
    }
  }
}

function joinPath(prefix: string, route: string): string {
  const joined = `/${[prefix, route].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  // A router's `/` under a mount prefix is the prefix itself (`app.use('/health', r)` + `r.get('/')` = `/health`).
  return route.length > 1 && route.endsWith('/') && joined !== '/' ? `${joined}/` : joined;
}

/**
 * Files mounted under a prefix: `app.use('/api', require('./routes/api'))`, or an imported router mounted by name.
 * The prefix applies to every route the file declares.
 */
function mountPrefixes(sources: SourceFile[]): Map<string, string> {
  const byFile = new Map<string, string>();
  const known = new Set(sources.map((s) => s.file));
  const resolve = (from: string, spec: string) => {
    if (!spec.startsWith('.')) return undefined;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
    const tries = [base, ...EXTENSIONS.map((e) => `${base}${e}`), ...EXTENSIONS.map((e) => `${base}/index${e}`), base.replace(/\.js$/, '.ts')];
    return tries.find((t) => known.has(t));
  };
  for (const src of sources) {
    const imports = new Map<string, string>();
    for (const { m } of src.matches(IMPORT_FROM)) {
      const name = m[1] ?? m[3];
      const spec = m[2] ?? m[4];
      const file = spec && resolve(src.file, spec);
      if (name && file) imports.set(name, file);
    }
    const record = (prefix: string, target: string | undefined) => {
      if (target && prefix.startsWith('/') && prefix !== '/') byFile.set(target, prefix);
    };
    for (const { m } of src.matches(MOUNT)) record(m[1], m[2] ? resolve(src.file, m[2]) : imports.get(m[3]));
    for (const { m } of src.matches(FASTIFY_PREFIX)) record(m[3], m[1] ? resolve(src.file, m[1]) : imports.get(m[2]));
  }
  return byFile;
}

/** @fastify/autoload: `routes/users/index.js` serves under `/users`. */
function autoloadPrefix(file: string): string {
  const m = /(?:^|\/)routes\/(.+)\/[^/]+$/.exec(file);
  return m ? `/${m[1]}` : '';
}

async function scanFiles(dir: ProjectDir, src: SourceFile, facts: AppFacts): Promise<void> {
  const add = async (list: 'runtimeFiles' | 'writable', literal: string, line: number, via: string) => {
    const p = await projectPath(dir, literal.replace(/^\//, ''), src.file);
    if (p) addRuntimeFile(facts[list], { path: p, via, file: src.file, line });
  };
  for (const { m, line } of src.matches(STATIC_DIR)) {
    // `__dirname + '/static'`: the slash joins, it does not make the path absolute.
    const literal = /__dirname|cwd\(\)/.test(m[0]) ? m[1].replace(/^\//, '') : m[1];
    await add('runtimeFiles', literal, line, 'static files');
    const p = await projectPath(dir, literal, src.file);
    if (p && (await dir.has(`${p}/index.html`))) servesRoot(facts, { file: src.file, line }, `${p}/index.html served as a static index`);
  }
  for (const { m, line } of src.matches(FASTIFY_STATIC_ROOT)) await add('runtimeFiles', m[1], line, 'static files');
  for (const { m, line } of src.matches(VIEWS)) await add('runtimeFiles', m[1], line, 'view templates');
  for (const { m, line } of src.matches(FILE_READ)) await add('runtimeFiles', m[1], line, 'a file read at run time');
  for (const { m, line } of src.matches(WRITES)) {
    // A variable: its literal default (`process.env.DB || '/etc/todos/todo.db'`).
    const literal = m[1] ?? (m[2] ? /['"`]([^'"`\n]+)['"`]/.exec(definitionOf(src.code, m[2]) ?? '')?.[1] : undefined);
    if (!literal) continue;
    if (literal.startsWith('/')) {
      const folder = /\.[A-Za-z0-9]+$/.test(literal) ? path.posix.dirname(literal) : literal;
      addRuntimeFile(facts.writable, { path: folder, via: 'written at run time', file: src.file, line });
      continue;
    }
    const p = await projectPath(dir, literal, src.file);
    const folder = p ? ((await isDir(dir, p)) ? p : path.posix.dirname(p)) : pathDir(literal);
    if (folder && folder !== '.') addRuntimeFile(facts.writable, { path: folder, via: 'written at run time', file: src.file, line });
    else if (p) addRuntimeFile(facts.writable, { path: p, via: 'written at run time', file: src.file, line });
  }
}

async function isDir(dir: ProjectDir, rel: string): Promise<boolean> {
  return !/\.[A-Za-z0-9]+$/.test(rel) && (await dir.has(rel));
}

/** The folder part of a relative path literal that does not exist yet (`./data/db.json` -> `data`). */
function pathDir(literal: string): string | undefined {
  const p = path.posix.normalize(literal.replace(/\\/g, '/'));
  if (path.posix.isAbsolute(p) || p.startsWith('..') || p === ':memory:') return undefined;
  const d = path.posix.dirname(p);
  return d === '.' ? undefined : d;
}

/** The argument text of a call whose `(` is at `open`, up to the matching `)`. */
function callArgs(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return code.slice(open + 1, i);
    }
  }
  return code.slice(open + 1, open + 200);
}

/** The right-hand side of `const NAME = ...` (or `app.set('port', ...)`), up to the end of the statement. */
function definitionOf(code: string, name: string): string | undefined {
  const re = new RegExp(String.raw`(?:(?:const|let|var)\s+${name.replace(/[$]/g, '\\$')}\s*(?::\s*\w+\s*)?=|\.set\(\s*['"]${name}['"]\s*,)\s*([^;\n]+)`);
  return re.exec(code)?.[1];
}

function scanListen(src: SourceFile, framework: string | undefined): ListenFact | undefined {
  for (const { m, line } of src.matches(LISTEN)) {
    const open = m.index + m[0].lastIndexOf('(');
    const args = callArgs(src.code, m[0].endsWith('{') ? m.index + m[0].indexOf('(') : open);
    if (/^\s*\)/.test(args)) continue;
    const first = splitTopLevel(args);
    let portExpr = first[0] ?? '';
    let hostExpr = first[1] ?? '';
    const obj = /^\s*\{([\s\S]*)\}\s*$/.exec(portExpr);
    if (obj) {
      portExpr = /\bport\s*(?::\s*([^,}]+))?/.exec(obj[1])?.[1] ?? (/\bport\b/.test(obj[1]) ? 'port' : '');
      hostExpr = /\bhost(?:name)?\s*(?::\s*([^,}]+))?/.exec(obj[1])?.[1] ?? (/\bhost(name)?\b/.test(obj[1]) ? 'host' : '');
    }
    const resolveExpr = (e: string) => (/^\s*[A-Za-z_$][\w$.]*\s*$/.test(e) && !/process\.env/.test(e) ? definitionOf(src.code, e.trim().replace(/^app\.get\(\s*['"](\w+)['"]\s*\)$/, '$1').split('.').pop()!) ?? e : e);
    const portText = resolveExpr(portExpr);
    const hostText = hostExpr ? resolveExpr(hostExpr) : '';
    const portEnv = envVarsIn(portText)[0] ?? (/\bPORT\b/.test(portText) ? 'PORT' : undefined);
    const port = portIn(portText);
    if (port === undefined && !portEnv && !/^\s*\w+\s*$/.test(portExpr)) continue;
    const bind = hostWhenUnset(hostText);
    const fastifyDefault = framework === 'fastify' && !hostExpr && /fastify|server|app/.test(src.code.slice(Math.max(0, m.index - 40), m.index + 1));
    const host = fastifyDefault ? '127.0.0.1' : bind.host;
    const hostEnv = bind.env;
    const localOnly = fastifyDefault || isLoopback(host);
    const why = fastifyDefault
      ? 'fastify.listen() without a host binds 127.0.0.1 only'
      : isLoopback(host) ? `listens on ${host}${hostEnv ? ` unless ${hostEnv} is set` : ''}` : host ? `listens on ${host}` : 'listens on every interface';
    if (bind.value) return { port, portEnv, host, hostEnv, hostEnvValue: bind.value, localOnly, why, file: src.file, line };
    return { port, portEnv, host, hostEnv, localOnly, why, file: src.file, line };
  }
  return undefined;
}

/**
 * The address bound when no variable is set, and the variable that changes it: `process.env.HOST || 'localhost'`
 * (HOST=0.0.0.0), `'RENDER' in process.env ? '0.0.0.0' : 'localhost'` (RENDER=1), or a literal.
 */
function hostWhenUnset(expr: string): { host?: string; env?: string; value?: string } {
  const ternary = /^\s*\(?\s*(?:['"](\w+)['"]\s+in\s+process\.env|!{0,2}process\.env(?:\.(\w+)|\[['"](\w+)['"]\]))\s*\)?\s*\?\s*([^:]+?)\s*:\s*(.+?)\s*;?\s*$/.exec(expr);
  if (ternary) {
    const env = ternary[1] ?? ternary[2] ?? ternary[3];
    const whenSet = hostIn(ternary[4]);
    const whenUnset = hostIn(ternary[5]);
    return { host: whenUnset, env, value: whenSet && !isLoopback(whenSet) ? '1' : undefined };
  }
  return { host: hostIn(expr), env: envVarsIn(expr)[0] };
}

/** Top-level comma split of an argument list. */
function splitTopLevel(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  let quote: string | undefined;
  for (const c of args) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/** `fastify start` (fastify-cli) binds 127.0.0.1 unless `-a`/`--address` or FASTIFY_ADDRESS says otherwise. */
function fastifyCliListen(argv: string[]): ListenFact {
  const i = argv.findIndex((a) => a === '-a' || a === '--address');
  const host = i >= 0 ? argv[i + 1] : undefined;
  const pi = argv.findIndex((a) => a === '-p' || a === '--port');
  const port = pi >= 0 ? Number(argv[pi + 1]) : 3000;
  return {
    port,
    portEnv: 'PORT',
    host: host ?? '127.0.0.1',
    hostEnv: 'FASTIFY_ADDRESS',
    localOnly: !host || isLoopback(host),
    why: host ? `fastify start -a ${host}` : 'fastify start binds 127.0.0.1 unless FASTIFY_ADDRESS or --address is set',
    file: 'package.json',
    line: 1,
  };
}

export { getRoutes };
