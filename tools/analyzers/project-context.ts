/**
 * The project beside a Dockerfile, for the app-aware rules: facts from its code (the generator's stack detection) and
 * the build context as .dockerignore leaves it. Undefined when no supported project is there.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ProjectContext } from './dockerfile/project.js';

/** Largest .dockerignore read. */
export const MAX_DOCKERIGNORE_BYTES = 256 * 1024;

export async function projectContext(dir: string): Promise<ProjectContext | undefined> {
  const { detectStack } = await import('../generator/detect-stack.js');
  let stack;
  try {
    stack = await detectStack(dir);
  } catch {
    return undefined; // a broken manifest is the generator's finding to make, not a reason to fail the check
  }
  if (!stack?.facts) return undefined;
  const ignored = dockerignoreMatcher(dir);
  return {
    language: stack.language,
    framework: stack.framework,
    facts: stack.facts,
    exists: (rel) => !path.isAbsolute(rel) && !rel.split('/').includes('..') && existsSync(path.join(dir, rel)),
    ignored,
  };
}

/** Docker's .dockerignore semantics: patterns from the context root, later ones win, `!` re-includes, a folder's contents follow it. */
export function dockerignoreMatcher(dir: string): (rel: string) => boolean {
  let text = '';
  try {
    const buf = readFileSync(path.join(dir, '.dockerignore'));
    if (buf.length <= MAX_DOCKERIGNORE_BYTES) text = buf.toString('utf8');
  } catch {
    return () => false;
  }
  const rules = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const negate = l.startsWith('!');
    const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
    return { negate, match: picomatch(pattern, { dot: true }) };
  });
  return (rel) => {
    const parts = path.posix.normalize(rel).split('/');
    let excluded = false;
    for (const r of rules) {
      for (let n = 1; n <= parts.length; n++) {
        if (r.match(parts.slice(0, n).join('/'))) {
          excluded = !r.negate;
          break;
        }
      }
    }
    return excluded;
  };
}
