import type { ProjectDir } from '../project-dir.js';
import { addRoute, joinRoute, readSources, rootFromRoutes, servesRoot } from './common.js';
import { emptyFacts, type AppFacts } from './types.js';

const MAPPING = /@(GetMapping|RequestMapping)(?:\(\s*(?:(?:value|path)\s*=\s*)?\{?\s*"([^"]*)"([^)]*)\)|\(([^)]*)\))?/g;
const CLASS = /\bclass\s+\w+/g;
/** Folder depth walked for Java/Kotlin sources. */
export const JAVA_SCAN_DEPTH = 10;

/** Spring MVC routes (class-level @RequestMapping prefixes), actuator and static index pages. */
export async function javaFacts(dir: ProjectDir, p: { actuator: boolean; properties: Record<string, string> }): Promise<AppFacts> {
  const facts = emptyFacts();
  const context = (p.properties['server.servlet.context-path'] ?? '').replace(/\/$/, '');
  // Java sources sit deep (src/main/java/com/acme/app/…): look further than the default scan depth.
  const sources = await readSources(dir, ['.java', '.kt'], 'c', [], JAVA_SCAN_DEPTH);
  for (const src of sources) {
    const classes = [...src.matches(CLASS)];
    let prefix = '';
    for (const { m, line } of src.matches(MAPPING)) {
      const route = m[2] ?? '';
      const rest = `${m[3] ?? ''}${m[4] ?? ''}`;
      const firstClass = classes[0];
      if (m[1] === 'RequestMapping' && firstClass && m.index < firstClass.m.index) {
        prefix = route;
        continue;
      }
      if (m[1] === 'RequestMapping' && /method\s*=/.test(rest) && !/GET/.test(rest)) continue;
      addRoute(facts, { method: 'GET', path: joinRoute(context, joinRoute(prefix, route)), file: src.file, line });
    }
  }
  const managementPort = p.properties['management.server.port'];
  if (p.actuator && managementPort && managementPort !== p.properties['server.port']) {
    // The actuator answers on another port than the app: a probe of the app port would never see it.
  } else if (p.actuator) {
    const base = p.properties['management.endpoints.web.base-path'] ?? '/actuator';
    addRoute(facts, { method: 'GET', path: joinRoute(context, `${base}/health`), file: 'pom.xml', line: 1 });
  }
  for (const f of ['src/main/resources/static/index.html', 'src/main/resources/public/index.html']) {
    if (await dir.has(f)) servesRoot(facts, { file: f, line: 1 }, 'a static index page');
  }
  rootFromRoutes(facts);
  return facts;
}
