import type { ProjectDir } from '../project-dir.js';
import { addRoute, joinRoute, readSources, rootFromRoutes, servesRoot } from './common.js';
import { emptyFacts, type AppFacts } from './types.js';

const SINATRA = /^\s*get\s+['"]([^'"]*)['"]/gm;
const RAILS = /^\s*get\s+['"]([^'"]*)['"]\s*(?:=>|,\s*to:)/gm;
const RAILS_ROOT = /^\s*root\s+(?:to:\s*)?['"]/m;
const BIND = /set\s+:bind\s*,\s*['"]([^'"]+)['"]/;
const PORT = /set\s+:port\s*,\s*(?:ENV\.fetch\(\s*['"](\w+)['"][^)]*\)\s*\{?\s*(\d+)?|(\d+))/;

export async function rubyFacts(dir: ProjectDir, rails: boolean): Promise<AppFacts> {
  const facts = emptyFacts();
  const sources = await readSources(dir, ['.rb', '.ru'], 'hash', ['config/routes.rb', 'app.rb', 'config.ru']);
  for (const src of sources) {
    if (rails) {
      if (src.file !== 'config/routes.rb') continue;
      for (const { m, line } of src.matches(RAILS)) addRoute(facts, { method: 'GET', path: joinRoute('', m[1]), file: src.file, line });
      const root = RAILS_ROOT.exec(src.code);
      if (root) servesRoot(facts, { file: src.file, line: src.line(root.index) }, 'root route');
      continue;
    }
    for (const { m, line } of src.matches(SINATRA)) addRoute(facts, { method: 'GET', path: m[1], file: src.file, line });
    const bind = BIND.exec(src.code);
    const port = PORT.exec(src.code);
    if (bind || port) {
      facts.listen ??= {
        host: bind?.[1], port: Number(port?.[2] ?? port?.[3]) || undefined, portEnv: port?.[1],
        localOnly: false, why: bind ? `set :bind, '${bind[1]}'` : 'set :port', file: src.file, line: src.line((bind ?? port)!.index),
      };
    }
  }
  rootFromRoutes(facts);
  return facts;
}
