import type { ProjectDir } from '../project-dir.js';
import { addRoute, addRuntimeFile, envVarsIn, hostIn, isLoopback, joinRoute, portIn, projectPath, readSources, rootFromRoutes, servesRoot } from './common.js';
import type { SourceFile } from './source-text.js';
import { emptyFacts, type AppFacts, type ListenFact } from './types.js';

const GOSTR = String.raw`"([^"\n]*)"|\x60([^\x60]*)\x60`;
/** net/http (with Go 1.22 `GET /x` patterns), gorilla/mux, chi. */
const HANDLE = new RegExp(String.raw`\b(\w+)\.(HandleFunc|Handle|Get|Head|Any|GET|HEAD|Method)\(\s*(?:"(GET|HEAD)"\s*,\s*)?(?:[\w.]+\(\s*)?(?:${GOSTR})`, 'g');
/** gin / echo / fiber groups: `api := r.Group("/api")`. */
const GROUP = new RegExp(String.raw`(\w+)\s*:?=\s*(\w+)\.(?:Group|Route)\(\s*(?:${GOSTR})`, 'g');
const STATIC = new RegExp(String.raw`\.(?:Static|StaticFS|StaticFile|File)\(\s*(?:${GOSTR})\s*,\s*(?:http\.Dir\()?(?:${GOSTR})`, 'g');
const DISK_READS = new RegExp(String.raw`(?:http\.Dir|LoadHTMLGlob|ParseGlob|os\.ReadFile|ioutil\.ReadFile|os\.Open|os\.ReadDir|AddConfigPath|SetConfigFile|template\.New\([^)]*\)\.ParseFiles|ParseFiles|LoadHTMLFiles|NewEngine|html\.New)\(\s*(?:(?:filepath|path)\.Join\(\s*)?((?:(?:${GOSTR})\s*,?\s*)+)`, 'g');
const DISK_READS_VAR = /\b(os\.Open|os\.ReadFile|ioutil\.ReadFile|template\.ParseFiles|template\.ParseGlob|http\.Dir|LoadHTMLGlob)\(\s*([a-z_]\w*)\s*[,)]/g;
const EMBED = /^\s*\/\/go:embed\s+(.+)$/gm;
const PATH_FLAG = /\.(?:String|StringP|StringVar|StringVarP|SetDefault)\(\s*(?:&?\w+\s*,\s*)?"([\w.-]*(?:path|dir|root|static|templates?|assets|ui|views|public|www)[\w.-]*)"\s*,\s*(?:"\w"\s*,\s*)?"([^"]+)"/gi;
const LISTEN = /\b(?:http\.ListenAndServe(?:TLS)?|\.ListenAndServe|\.Run|\.Start|\.Listen|net\.Listen|ListenAndServe)\(\s*([^\n]*)/g;
const SERVER_ADDR = /\bAddr\s*:\s*([^,\n}]+)/g;
/** The standard flag package and pflag (`fs.Int("port", 9898, …)`, `StringP("addr", "a", …)`). */
const FLAG_ADDR = new RegExp(String.raw`\b\w+\.(String|Int|StringVar|IntVar|StringP|IntP|StringVarP|IntVarP)\(\s*(?:&?\w+\s*,\s*)?"(addr|address|listen|http|host|bind|port|http-addr|listen-addr|http-port)"\s*,\s*(?:"\w"\s*,\s*)?([^,]+),`, 'g');
/** Files written: SQLite files, created folders and files. */
const GO_WRITES = new RegExp(String.raw`(?:sql\.Open\(\s*"sqlite3?"\s*,|gorm\.Open\(\s*sqlite\.Open\(|Database\s*:|os\.MkdirAll\(|os\.Mkdir\(|os\.Create\(|os\.WriteFile\(|os\.OpenFile\()\s*(?:${GOSTR})`, 'g');

/** Facts of a Go server: routes, the listen address (and the flag that sets it), files read from disk at run time. */
export async function goFacts(dir: ProjectDir, mainPackage: string): Promise<AppFacts> {
  const facts = emptyFacts();
  const mainDir = mainPackage === '.' ? '' : mainPackage.replace(/^\.\//, '');
  const sources = (await readSources(dir, ['.go'], 'c')).filter((s) => !s.file.endsWith('_test.go'));
  const embedded = await embedPatterns(dir, sources);
  facts.embedded.push(...embedded);
  for (const src of sources) {
    const groups = new Map<string, string>();
    for (const { m } of src.matches(GROUP)) groups.set(m[1], joinRoute(groups.get(m[2]) ?? '', m[3] ?? m[4]));
    for (const { m, line } of src.matches(HANDLE)) {
      const [, receiver, fn, methodArg] = m;
      let route = m[4] ?? m[5];
      let method = methodArg ?? (/^(Get|GET)$/.test(fn) ? 'GET' : /^(Head|HEAD)$/.test(fn) ? 'HEAD' : 'ANY');
      const pattern = /^(GET|HEAD|POST|PUT|DELETE|PATCH)\s+(\S+)$/.exec(route);
      if (pattern) [method, route] = [pattern[1], pattern[2]];
      if (!route.startsWith('/')) continue;
      // Go's ServeMux: `/` matches every path, so the root is served; `{$}` ends an exact pattern.
      route = route.replace(/\{\$\}$/, '');
      addRoute(facts, { method, path: joinRoute(groups.get(receiver) ?? '', route), file: src.file, line });
    }
    for (const { m, line } of src.matches(STATIC)) {
      const p = await projectPath(dir, m[3] ?? m[4]);
      if (p && !isEmbedded(p, embedded)) addRuntimeFile(facts.runtimeFiles, { path: p, via: 'static files', file: src.file, line });
    }
    for (const { m, line } of src.matches(DISK_READS)) {
      for (const lit of m[1].matchAll(new RegExp(GOSTR, 'g'))) {
        const p = await projectPath(dir, lit[1] ?? lit[2]);
        if (p && !p.endsWith('.go') && !isEmbedded(p, embedded)) addRuntimeFile(facts.runtimeFiles, { path: p, via: m[0].split('(')[0].trim(), file: src.file, line });
      }
    }
    // A variable read from disk (`path := "x.png"; os.Open(path)`): every literal it is given.
    for (const { m, line } of src.matches(DISK_READS_VAR)) {
      for (const def of src.code.matchAll(new RegExp(String.raw`\b${m[2]}\s*:?=\s*(?:${GOSTR})`, 'g'))) {
        const p = await projectPath(dir, def[1] ?? def[2]);
        if (p && !p.endsWith('.go') && !isEmbedded(p, embedded)) addRuntimeFile(facts.runtimeFiles, { path: p, via: m[1], file: src.file, line });
      }
    }
    for (const { m, line } of src.matches(GO_WRITES)) {
      const literal = (m[1] ?? m[2] ?? '').replace(/^file:/, '').replace(/\?.*$/, '');
      if (!literal || literal === ':memory:') continue;
      const folder = /\.[A-Za-z0-9]+$/.test(literal) ? literal.replace(/\/?[^/]*$/, '') : literal;
      const rel = folder.replace(/^\.\/?/, '');
      addRuntimeFile(facts.writable, { path: rel === '' ? '.' : rel, via: 'written at run time', file: src.file, line });
    }
    // A flag or setting naming a folder, whose default is one of the project's (`fs.String("ui-path", "./ui", …)`).
    for (const { m, line } of src.matches(PATH_FLAG)) {
      const p = await projectPath(dir, m[2]);
      if (p && !p.endsWith('.go') && !isEmbedded(p, embedded)) addRuntimeFile(facts.runtimeFiles, { path: p, via: `the ${m[1]} default`, file: src.file, line });
    }
    const inMain = mainDir === '' ? !src.file.includes('/') : src.file.startsWith(`${mainDir}/`);
    if (inMain || !facts.listen) facts.listen = scanListen(src) ?? facts.listen;
  }
  if (!facts.listen?.port) {
    const portFlag = sources.flatMap((s) => flagVars(s)).find((f) => /port/.test(f.flag) && /^\d+$/.test(f.default));
    const configPort = await configFilePort(dir, facts);
    const port = portFlag ? Number(portFlag.default) : configPort?.port;
    if (port) facts.listen = { ...(facts.listen ?? { localOnly: false, why: 'listens on every interface', file: configPort?.file ?? 'go.mod', line: 1 }), port, why: portFlag ? `--${portFlag.flag} defaults to ${port}` : `port ${port} in ${configPort!.file}` };
  }
  rootFromRoutes(facts);
  if (!facts.root && facts.routes.some((r) => r.path === '/' && r.method === 'ANY')) servesRoot(facts, facts.routes.find((r) => r.path === '/')!, 'a handler for /');
  return facts;
}

async function embedPatterns(dir: ProjectDir, sources: SourceFile[]) {
  const out: AppFacts['embedded'] = [];
  for (const src of sources) {
    // Directives live in comments, so read the original text.
    for (const m of src.text.matchAll(EMBED)) {
      const line = src.line(m.index!);
      for (const pat of m[1].trim().split(/\s+/)) {
        const p = await projectPath(dir, pat.replace(/^all:/, '').replace(/"/g, ''), src.file);
        if (p) out.push({ path: p, via: '//go:embed', file: src.file, line });
      }
    }
  }
  return out;
}

function isEmbedded(p: string, embedded: AppFacts['embedded']): boolean {
  return embedded.some((e) => p === e.path || p.startsWith(`${e.path}/`));
}

interface FlagVar {
  /** The variable the value lands in, when the code keeps one (pflag's `fs.Int("port", …)` may not). */
  variable?: string;
  flag: string;
  default: string;
}

/** `addr := flag.String("addr", "localhost:8080", …)` and `flag.StringVar(&addr, "addr", …)`. */
function flagVars(src: SourceFile): FlagVar[] {
  const out: FlagVar[] = [];
  for (const { m } of src.matches(FLAG_ADDR)) {
    const lineStart = src.code.lastIndexOf('\n', m.index) + 1;
    const variable = /&(\w+)\s*,/.exec(m[0])?.[1] ?? /(\w+)\s*:?=\s*$/.exec(src.code.slice(lineStart, m.index))?.[1];
    out.push({ variable, flag: m[2], default: m[3].trim().replace(/^"|"$/g, '') });
  }
  return out;
}

/** The server's listen call; with several (a metrics server, a second app), the last one, which usually blocks main. */
function scanListen(src: SourceFile): ListenFact | undefined {
  const flags = flagVars(src);
  const candidates = [...src.matches(LISTEN), ...src.matches(SERVER_ADDR)].sort((a, b) => b.m.index - a.m.index);
  for (const { m, line } of candidates) {
    let expr = m[1].trim();
    const isGinRun = /\.Run\(/.test(m[0]) && /gin\./.test(src.code);
    if (/^\)/.test(expr)) {
      if (isGinRun) return { port: 8080, portEnv: 'PORT', host: undefined, localOnly: false, why: 'gin Run() listens on :8080 or $PORT', file: src.file, line };
      continue;
    }
    if (/\.Run\(/.test(m[0]) && !isGinRun && !/"/.test(expr) && !/addr|port/i.test(expr)) continue;
    const linked = flags.find((f) => f.variable && new RegExp(String.raw`\b${f.variable}\b`).test(expr));
    const flag = linked && { flag: linked.flag, default: linked.default };
    if (linked) expr = `"${linked.default}" ${expr}`;
    else {
      // A variable built earlier (`addr := ":" + port`): read its definition too.
      for (const ident of expr.match(/\b[a-z_]\w*\b/gi) ?? []) {
        const def = new RegExp(String.raw`\b${ident}\s*:?=\s*([^\n]+)`).exec(src.code)?.[1];
        if (def && /"|Getenv|port|addr/i.test(def)) expr = `${def} ${expr}`;
      }
    }
    const envs = envVarsIn(expr).concat(envVarsIn(src.code).filter((e) => /PORT|ADDR|HOST|LISTEN/.test(e)));
    const portEnv = envs.find((e) => /PORT/.test(e));
    const hostEnv = envs.find((e) => /HOST|ADDR|LISTEN|BIND/.test(e));
    const hostPort = /"(localhost|127\.0\.0\.1|0\.0\.0\.0)?:\d+"/.exec(expr);
    const host = hostIn(expr) ?? hostPort?.[1];
    const port = portIn(expr.replace(/"[^"]*"/g, (q) => q.replace(/[^\d]/g, ' '))) ?? portIn(expr);
    if (port === undefined && !portEnv && !flag) continue;
    const localOnly = isLoopback(host) && !hostEnv;
    const why = flag ? `-${flag.flag} defaults to ${flag.default}` : host ? `listens on ${host}` : 'listens on every interface';
    return { port, portEnv, host, hostEnv, hostEnvWithPort: hostEnv ? Boolean(hostPort) : undefined, addrFlag: flag, localOnly, why, file: src.file, line };
  }
  return undefined;
}

/** A `port:` in a YAML/TOML/JSON config file the server reads at run time (viper's config/config.yaml). */
async function configFilePort(dir: ProjectDir, facts: AppFacts): Promise<{ port: number; file: string } | undefined> {
  for (const r of facts.runtimeFiles) {
    const files = /\.(ya?ml|toml|json)$/.test(r.path) ? [r.path] : ['config.yaml', 'config.yml', 'config.toml', 'config.json'].map((f) => `${r.path}/${f}`);
    for (const f of files) {
      const text = await dir.readHint(f);
      const m = text && /^\s*"?port"?\s*[:=]\s*"?(\d{2,5})\b/im.exec(text);
      if (m) return { port: Number(m[1]), file: f };
    }
  }
  return undefined;
}
