import type { ProjectDir } from '../project-dir.js';
import { addRoute, addRuntimeFile, envVarsIn, hostIn, isLoopback, joinRoute, portIn, projectPath, readSources, rootFromRoutes } from './common.js';
import type { SourceFile } from './source-text.js';
import { emptyFacts, type AppFacts, type ListenFact } from './types.js';

/** axum `.route("/x", get(h))`, actix `.route("/x", web::get())` and `web::resource("/x")`. */
const ROUTE = /\.route\(\s*"([^"]*)"\s*,\s*(get|any|web::get|web::head|get_service|on\(MethodFilter::GET)?/g;
const ATTRIBUTE = /#\[(get|head|route)\(\s*"([^"]*)"/g;
const SCOPE = /web::scope\(\s*"([^"]*)"/g;
const RESOURCE = /web::resource\(\s*"([^"]*)"\s*\)[^;]*?\.(?:route\(\s*web::get|to\()/g;
const NEST = /\.nest\(\s*"([^"]*)"/g;
const FILES = /(?:ServeDir::new|ServeFile::new|Files::new\(\s*"[^"]*"\s*,|FileServer::from|Tera::new|register_templates_directory\(\s*"[^"]*"\s*,|fs::read_to_string|fs::read|File::open|relative!)\(?\s*"([^"]+)"/g;
const LISTEN = /(?:TcpListener::bind|\.bind|SocketAddr::from|\.run|axum::Server::bind|HttpServer::new[\s\S]{0,400}?\.bind)\(\s*([^;]*)/g;

export async function rustFacts(dir: ProjectDir, framework: string | undefined): Promise<AppFacts> {
  const facts = emptyFacts();
  const sources = await readSources(dir, ['.rs'], 'c', ['src/main.rs']);
  for (const src of sources) {
    const scope = [...src.matches(SCOPE), ...src.matches(NEST)].map((s) => s.m[1])[0] ?? '';
    for (const { m, line } of src.matches(ROUTE)) {
      const method = !m[2] ? 'ANY' : /get/i.test(m[2]) ? 'GET' : /head/.test(m[2]) ? 'HEAD' : 'ANY';
      if (m[1].startsWith('/')) addRoute(facts, { method, path: m[1], file: src.file, line });
    }
    for (const { m, line } of src.matches(ATTRIBUTE)) {
      if (m[2].startsWith('/')) addRoute(facts, { method: m[1] === 'route' ? 'ANY' : m[1].toUpperCase(), path: joinRoute(framework === 'actix-web' ? scope : '', m[2]), file: src.file, line });
    }
    for (const { m, line } of src.matches(RESOURCE)) if (m[1].startsWith('/')) addRoute(facts, { method: 'GET', path: joinRoute(scope, m[1]), file: src.file, line });
    for (const { m, line } of src.matches(FILES)) {
      const p = await projectPath(dir, m[1]);
      if (p && !p.endsWith('.rs')) addRuntimeFile(facts.runtimeFiles, { path: p, via: m[0].split('(')[0], file: src.file, line });
    }
    facts.listen ??= scanListen(src, framework);
  }
  if (!facts.listen) {
    const port = sources.map((s) => clapPort(s.code)).find((p) => p !== undefined);
    if (port) facts.listen = { port, localOnly: false, why: `a --port option that defaults to ${port}`, file: 'src/main.rs', line: 1 };
  }
  if (framework === 'rocket') {
    if (/rocket_dyn_templates|Template::fairing/.test(sources.map((s) => s.code).join('\n')) && (await dir.has('templates'))) {
      addRuntimeFile(facts.runtimeFiles, { path: 'templates', via: 'rocket_dyn_templates (default folder)', file: 'Cargo.toml', line: 1 });
    }
    const toml = await dir.readHint('Rocket.toml');
    const address = toml && /address\s*=\s*"([^"]+)"/.exec(toml)?.[1];
    const port = toml ? portIn(/port\s*=\s*(\d+)/.exec(toml)?.[1] ?? '') : undefined;
    facts.listen = {
      port: port ?? 8000, portEnv: 'ROCKET_PORT', host: address ?? '127.0.0.1', hostEnv: 'ROCKET_ADDRESS',
      localOnly: !address || isLoopback(address),
      why: address ? `Rocket.toml address ${address}` : 'Rocket binds 127.0.0.1 unless ROCKET_ADDRESS is set',
      file: toml ? 'Rocket.toml' : 'Cargo.toml', line: 1,
    };
  }
  rootFromRoutes(facts);
  return facts;
}

function scanListen(src: SourceFile, framework: string | undefined): ListenFact | undefined {
  for (const { m, line } of src.matches(LISTEN)) {
    let expr = m[1].slice(0, 300);
    for (const ident of expr.match(/^&?\s*([a-z_]\w*)/)?.slice(1) ?? []) {
      const def = new RegExp(String.raw`let\s+(?:mut\s+)?${ident}\s*(?::\s*[^=]+)?=\s*([^;]+);`).exec(src.code)?.[1];
      if (def) expr = `${def} ${expr}`;
    }
    const host = hostIn(expr) ?? (/"(localhost|127\.0\.0\.1|0\.0\.0\.0)[:"]/.exec(expr)?.[1]);
    const envs = envVarsIn(expr).concat(envVarsIn(src.code).filter((e) => /PORT|HOST|ADDR|BIND/.test(e)));
    const portEnv = envs.find((e) => /PORT/.test(e));
    const hostEnv = envs.find((e) => /HOST|ADDR|BIND/.test(e));
    const withoutIp = expr.replace(/\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]/g, ' ').replace(/\d+\.\d+\.\d+\.\d+/g, ' ');
    const port = portIn(withoutIp.replace(/"[^"]*"/g, (q) => q.replace(/[^\d]/g, ' '))) ?? portIn(withoutIp) ?? clapPort(src.code);
    if (!host && !/SocketAddr|TcpListener|HttpServer|"[^"]*:\d+"/.test(m[0] + expr)) continue;
    if (port === undefined && !portEnv && !host) continue;
    const localOnly = isLoopback(host) && !hostEnv;
    return { port, portEnv, host, hostEnv, localOnly, why: host ? `binds ${host}` : `${framework ?? 'server'} binds every interface`, file: src.file, line };
  }
  return undefined;
}

/** clap's `#[arg(long, default_value = "8080")] port` (or `default_value_t = 8080`). */
function clapPort(code: string): number | undefined {
  const m = /default_value(?:_t)?\s*=\s*"?(\d{2,5})"?[^\]]*\][^;]*?\bport\b|\bport\b[^;]{0,200}?default_value(?:_t)?\s*=\s*"?(\d{2,5})/.exec(code);
  return m ? Number(m[1] ?? m[2]) : undefined;
}
