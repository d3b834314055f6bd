/**
 * Which folder of a repository is the service, when the root itself is not a project: the subfolders (one level down,
 * then two) that a detector recognises, ranked: a server with routes or a listen call first, named like a backend
 * rather than a frontend, then fewest levels. The reason is said, so the report can give it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { detectStack } from './detect-stack.js';
import type { StackInfo } from './stack.js';

/** Folders never taken for the service. */
const NOT_SERVICES = /^(node_modules|vendor|docs?|examples?|samples?|tests?|spec|scripts|tools|\..*|dist|build|target|e2e|cypress|infra|deploy|k8s|charts|terraform)$/i;
const BACKEND = /^(backend|server|api|app|service|web|src)$/i;
const FRONTEND = /^(frontend|client|ui|web-?app|www|site|dashboard|admin)$/i;
/** How deep to look for the service below the root. */
export const MAX_SERVICE_DEPTH = 2;

export interface ServiceChoice {
  /** Folder relative to the root (`backend`, `services/api`). */
  dir: string;
  stack: StackInfo;
  why: string;
  /** The other projects found, for the report. */
  others: string[];
}

export async function detectService(root: string, depth = MAX_SERVICE_DEPTH): Promise<ServiceChoice | undefined> {
  const found: { dir: string; stack: StackInfo }[] = [];
  let level = [''];
  for (let d = 1; d <= depth && !found.length; d++) {
    const next: string[] = [];
    for (const parent of level) {
      let names: string[];
      try {
        names = (await readdir(path.join(root, parent), { withFileTypes: true })).filter((e) => e.isDirectory() && !NOT_SERVICES.test(e.name)).map((e) => e.name).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        const rel = parent ? `${parent}/${name}` : name;
        next.push(rel);
        const stack = await detectStack(path.join(root, rel)).catch(() => undefined);
        if (stack) found.push({ dir: rel, stack });
      }
    }
    level = next;
  }
  if (!found.length) return undefined;
  const score = (f: { dir: string; stack: StackInfo }) => {
    const base = path.posix.basename(f.dir);
    const serves = Boolean(f.stack.facts?.listen || f.stack.facts?.routes.length);
    return (f.stack.isService ? 4 : 0) + (serves ? 4 : 0) + (BACKEND.test(base) ? 2 : 0) - (FRONTEND.test(base) ? 3 : 0) - (f.stack.framework === 'next' || f.stack.framework === 'nuxt' ? 0 : 0);
  };
  const ranked = [...found].sort((a, b) => score(b) - score(a) || a.dir.localeCompare(b.dir));
  const best = ranked[0];
  const serves = best.stack.facts?.listen ? `it listens (${best.stack.facts.listen.file}:${best.stack.facts.listen.line})` : best.stack.facts?.routes.length ? `it serves ${best.stack.facts.routes.length} route(s)` : 'it is the only server';
  const why = found.length === 1 ? `${best.dir} is the only project in the repository` : `${best.dir} is the service: ${serves}${BACKEND.test(path.posix.basename(best.dir)) ? ', and it is named like one' : ''}; also found: ${ranked.slice(1).map((f) => `${f.dir} (${f.stack.language}${f.stack.isService ? '' : ', not a server'})`).join(', ')}`;
  return { dir: best.dir, stack: best.stack, why, others: ranked.slice(1).map((f) => f.dir) };
}
