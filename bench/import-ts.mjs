/**
 * Benchmarks run with plain `node`, so the TypeScript modules they measure are bundled first (esbuild, packages left
 * external, Node 20 target) into a folder of this process's own under dist/bench, imported, and the folder removed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `{ name: 'path/to/module.ts' }` (paths from the repository root) -> `{ name: the module's exports }`. */
export async function importTs(label, entryPoints) {
  const outdir = path.join(root, 'dist', 'bench', `${label}-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  try {
    await build({ absWorkingDir: root, entryPoints, outdir, outExtension: { '.js': '.mjs' }, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
    const modules = {};
    for (const name of Object.keys(entryPoints)) modules[name] = await import(pathToFileURL(path.join(outdir, `${name}.mjs`)).href);
    return modules;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
