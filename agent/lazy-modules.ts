/**
 * Packages loaded the first time they are used rather than at start: a run that never uses them should not load and
 * compile them before its first request (issue 16; Node 20 has no compile cache). Each is external to the bundle
 * (scripts/build.mjs), so the synchronous require here and any `import ... from` elsewhere share one copy.
 * - yaml (a fifth of what a run loaded): most runs parse none at start; the agent definition comes from the parse
 *   cache, and few tool outputs hold structure to redact.
 * - picomatch: only Glob and Grep calls with a pattern need it.
 */
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;
export function lazyYaml(): Yaml {
  return (yaml ??= requireFromHere('yaml') as Yaml);
}

type Picomatch = typeof import('picomatch');
let picomatch: Picomatch | undefined;
export function lazyPicomatch(): Picomatch {
  return (picomatch ??= requireFromHere('picomatch') as Picomatch);
}
