// Bundles the CLI into dist/ so `npx docker-expert` starts fast with no build step to remember
// (npm ci runs `prepare`). Pure-JS dependencies are bundled too (the SDK imports in 0.06 s instead of 0.25 s);
// the ones that load files beside themselves (wasm, binaries, server entry points) stay external.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// zod's namespace exports every locale's messages (360 KB of the hook's start); only English is ever used.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-en' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path) }));
  },
};

// The Anthropic SDK's modules get agent/models/light-http.ts's Headers (and a FormData that answers instanceof
// without loading anything) in place of the globals: the globals are undici's, and touching one loads all of undici (about 25 ms and 12 MiB before the first request), though requests go
// out on node:http (agent/models/node-http-fetch.ts). Only the SDK's files: everything else keeps the globals.
const lightHeaders = path.join(root, 'agent/models/light-http.ts');
const sdkWithLightHeaders = {
  name: 'sdk-light-headers',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@anthropic-ai[\\/]sdk[\\/].*\.m?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const shadows = [/\bHeaders\b/.test(source) && 'LightHeaders as Headers', /\bFormData\b/.test(source) && 'LazyFormData as FormData'].filter(Boolean);
      if (shadows.length === 0) return undefined;
      return { contents: `import { ${shadows.join(', ')} } from ${JSON.stringify(lightHeaders)};\n${source}`, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const result = await build({
  plugins: [englishOnlyZod, sdkWithLightHeaders],
  absWorkingDir: root,
  // task-thread: the entry of serve's task threads (service/task-threads.ts), beside the chunks it shares.
  entryPoints: { cli: 'cli/main.ts', index: 'agent/index.ts', 'task-thread': 'service/task-thread.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['yaml', 'picomatch', 'web-tree-sitter', 'tree-sitter-bash', 'better-sqlite3', 'kysely', 'pg', 'pg-boss', '@modelcontextprotocol/*', 'esbuild', 'execa', 'dockerfile-ast', 'vscode-languageserver-types'],
  banner: { js: "import { createRequire as __deCreateRequire } from 'node:module'; const require = __deCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});

// `docker-expert hook` runs on every Claude Code tool call: its own entry, so it loads no chunk of the main CLI's.
const hook = await build({
  plugins: [englishOnlyZod],
  absWorkingDir: root,
  entryPoints: { hook: 'cli/hook-main.ts' },
  outdir: 'dist/hook',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['yaml', 'picomatch', 'web-tree-sitter', 'tree-sitter-bash', 'esbuild', 'execa', 'dockerfile-ast', 'vscode-languageserver-types'],
  banner: { js: "import { createRequire as __deCreateRequire } from 'node:module'; const require = __deCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});

// Chunk names carry content hashes: drop the ones this build did not write, so dist/ does not grow forever.
const written = new Set([...Object.keys(result.metafile.outputs), ...Object.keys(hook.metafile.outputs)].map((f) => path.resolve(root, f)));
written.add(path.join(root, 'dist', 'hook'));
for (const dir of ['dist', 'dist/hook']) for (const f of readdirSync(path.join(root, dir))) {
  const abs = path.join(root, dir, f);
  if (!written.has(abs)) rmSync(abs, { force: true, recursive: true });
}
