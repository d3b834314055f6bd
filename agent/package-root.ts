import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The docker-expert package's own folder (holds its `.claude/agents`, `.mcp.json`, `prompts/`), from source or bundle alike. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'docker-expert') return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('docker-expert: cannot find the package root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
