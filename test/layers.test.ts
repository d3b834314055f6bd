/**
 * The layers README "How a run works" names: shell/ imports nothing of ours, permissions/ only shell/ (and itself).
 * An import that climbs a layer (say permissions/ reaching into agent/) fails here, naming the file and the import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const LAYERS: Record<string, string[]> = { shell: ['shell'], permissions: ['permissions', 'shell'] };

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/** Every relative module a file names in an import/export ... from, or a dynamic import(). */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('layers', () => {
  for (const [layer, allowed] of Object.entries(LAYERS)) {
    it(`${layer}/ imports only from ${allowed.join(', ')}`, () => {
      const files = sources(layer);
      expect(files.length).toBeGreaterThan(3);
      const climbing: string[] = [];
      for (const file of files) {
        for (const spec of relativeImports(readFileSync(path.join(ROOT, file), 'utf8'))) {
          const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
          if (!allowed.includes(target.split(path.sep)[0]!)) climbing.push(`${file}: ${spec}`);
        }
      }
      expect(climbing).toEqual([]);
    });
  }

  it('sees an import that climbs (the check can fail)', () => {
    expect(relativeImports("import type { X } from '../agent/definition/types.js';\nconst y = await import('./z.js');")).toEqual(['../agent/definition/types.js', './z.js']);
  });
});
