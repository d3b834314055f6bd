/**
 * The yaml package, loaded the first time something parses YAML. Most runs never do at start (the agent definition
 * comes from the parse cache, few tool outputs hold structure to redact), and the package is a fifth of the code a
 * run would otherwise load and compile before its first request (issue 16). It is external to the bundle
 * (scripts/build.mjs), so this synchronous require and every `import ... from 'yaml'` elsewhere share one copy.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;

export function lazyYaml(): Yaml {
  return (yaml ??= createRequire(import.meta.url)('yaml') as Yaml);
}
