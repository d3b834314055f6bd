import type { ProjectDir } from '../project-dir.js';
import { addRoute, joinRoute, readSources, rootFromRoutes, servesRoot } from './common.js';
import { emptyFacts, type AppFacts } from './types.js';

const SLIM = /\$(\w+)->(get|any|map)\(\s*(?:\[[^\]]*\]\s*,\s*)?['"]([^'"]*)['"]/g;
const GROUP = /->group\(\s*['"]([^'"]*)['"]/g;
const LARAVEL = /Route::(get|any|match|view)\(\s*(?:\[[^\]]*\]\s*,\s*)?['"]([^'"]*)['"]/g;
const SYMFONY = /(?:#\[Route|@Route)\(\s*(?:path:\s*)?['"]([^'"]*)['"]/g;

/** Routes of a PHP front controller (Slim, Laravel, Symfony); a web root with an index serves `/`. */
export async function phpFacts(dir: ProjectDir, documentRoot: string, framework: string | undefined): Promise<AppFacts> {
  const facts = emptyFacts();
  const sources = await readSources(dir, ['.php'], 'php');
  for (const src of sources) {
    const prefix = framework === 'laravel' && /(^|\/)routes\/api\.php$/.test(src.file) ? '/api' : '';
    const group = [...src.matches(GROUP)];
    for (const { m, line } of src.matches(SLIM)) {
      const owner = group.filter((g) => g.m.index < m.index).pop();
      const inGroup = owner ? joinRoute('', owner.m[1]) : '';
      if (!m[3].startsWith('/') || !/^\$(app|group|router|r|route|routes)$/.test(`$${m[1]}`)) continue;
      if (m[2] !== 'map' || /GET/i.test(src.code.slice(m.index - 40, m.index))) addRoute(facts, { method: m[2] === 'get' ? 'GET' : 'ANY', path: joinRoute(inGroup === '/' ? '' : inGroup, m[3]), file: src.file, line });
    }
    for (const { m, line } of src.matches(LARAVEL)) addRoute(facts, { method: m[1] === 'get' || m[1] === 'view' ? 'GET' : 'ANY', path: joinRoute(prefix, m[2]), file: src.file, line });
    // Laravel 11: `->withRouting(health: '/up')`.
    for (const { m, line } of src.matches(/\bhealth\s*:\s*['"](\/[^'"]*)['"]/g)) addRoute(facts, { method: 'GET', path: m[1], file: src.file, line });
    for (const { m, line } of src.matches(SYMFONY)) addRoute(facts, { method: 'ANY', path: joinRoute('', m[1]), file: src.file, line });
  }
  rootFromRoutes(facts);
  const index = documentRoot ? `${documentRoot}/index.php` : 'index.php';
  if (!facts.root && !framework && ((await dir.has(index)) || (await dir.has(documentRoot ? `${documentRoot}/index.html` : 'index.html')))) {
    servesRoot(facts, { file: index, line: 1 }, `${index} at the web root`);
  }
  return facts;
}
