import type { ProjectDir } from '../project-dir.js';
import { addRoute, hostIn, isLoopback, joinRoute, portIn, readSources, rootFromRoutes, servesRoot } from './common.js';
import { emptyFacts, type AppFacts } from './types.js';

const MAP = /\.Map(Get|Methods|HealthChecks|Fallback(?:ToFile)?|RazorPages|Controllers|DefaultControllerRoute)?\(\s*(?:"([^"]*)")?/g;
const ROUTE_ATTR = /\[(Route|HttpGet|HttpHead)(?:\(\s*"([^"]*)"\s*\))?\]/g;
const CLASS = /class\s+(\w+?)(?:Controller)?\s*(?::|\{|\()/g;
const URLS = /(?:\.UseUrls|app\.Run|\.Urls\.Add|ListenLocalhost|ListenAnyIP|Listen)\(\s*([^;)]*)/g;

export async function dotnetFacts(dir: ProjectDir, projectDir: string): Promise<AppFacts> {
  const facts = emptyFacts();
  const base = projectDir === '.' ? '' : `${projectDir}/`;
  const sources = (await readSources(dir, ['.cs'], 'c', [`${base}Program.cs`])).filter((s) => s.file.startsWith(base));
  for (const src of sources) {
    for (const { m, line } of src.matches(MAP)) {
      const kind = m[1] ?? '';
      if ((kind === 'Get' || kind === 'HealthChecks' || kind === '') && m[2] !== undefined) {
        if (kind === '' && !/^\/|^$/.test(m[2])) continue;
        addRoute(facts, { method: kind === '' ? 'ANY' : 'GET', path: joinRoute('', m[2]), file: src.file, line });
      }
      if (kind.startsWith('Fallback') || kind === 'RazorPages' && (await dir.has(`${base}Pages/Index.cshtml`))) servesRoot(facts, { file: src.file, line }, `Map${kind}`);
      if (kind === 'DefaultControllerRoute') servesRoot(facts, { file: src.file, line }, 'the default controller route (Home/Index)');
    }
    const classes = [...src.matches(CLASS)];
    let prefix = '';
    for (const { m, line } of src.matches(ROUTE_ATTR)) {
      const owner = classes.find((c) => c.m.index > m.index);
      const controller = owner?.m[1] ?? '';
      const template = (m[2] ?? '').replace(/\[controller\]/gi, controller.toLowerCase()).replace(/\[action\]/gi, '');
      const nextClass = classes.find((c) => c.m.index > m.index);
      const prevClass = [...classes].reverse().find((c) => c.m.index < m.index);
      if (m[1] === 'Route' && nextClass && (!prevClass || src.code.slice(m.index, nextClass.m.index).split('\n').length <= 3)) {
        prefix = template;
        continue;
      }
      if (m[1] === 'HttpGet' || m[1] === 'HttpHead') addRoute(facts, { method: 'GET', path: joinRoute(prefix, template), file: src.file, line });
    }
    for (const { m, line } of src.matches(URLS)) {
      const host = /ListenLocalhost/.test(m[0]) ? '127.0.0.1' : hostIn(m[1].replace(/http:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|\*|\+)/, (_, h) => `"${h === '*' || h === '+' ? '0.0.0.0' : h}"`));
      const port = portIn(m[1]);
      if (port === undefined && !host) continue;
      facts.listen ??= { port, host, localOnly: isLoopback(host), why: `${m[0].split('(')[0].replace(/^\./, '')}(${m[1].trim()}) overrides ASPNETCORE_HTTP_PORTS`, file: src.file, line };
    }
  }
  if (await dir.has(`${base}wwwroot/index.html`)) {
    const all = sources.map((s) => s.code).join('\n');
    if (/UseDefaultFiles|MapFallbackToFile/.test(all)) servesRoot(facts, { file: `${base}wwwroot/index.html`, line: 1 }, 'wwwroot/index.html');
  }
  rootFromRoutes(facts);
  return facts;
}
