// Bundles the CLI into dist/ so `npx docker-expert` starts fast with no build step to remember
// (npm ci runs `prepare`). Dependencies stay external and are imported lazily by the code.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'cli/main.ts', index: 'agent/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
