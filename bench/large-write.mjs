// `npm run bench:large-write`: one run whose model asks for a Write of BENCH_WRITE_MB megabytes (default 100), against
// the scripted Messages API. Prints the journal's size, its blobs, the file written (or the refusal) and the CLI's peak
// RSS, once with the default --max-write-bytes and once with a limit above the content. A measurement, not a test.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const MB = Number(process.env.BENCH_WRITE_MB ?? 100);
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const work = mkdtempSync(path.join(os.tmpdir(), 'de-bench-write-'));
const serverBundle = path.join(work, 'scripted-server.mjs');
await build({ entryPoints: [path.join(root, 'test/support/scripted-server.ts')], outfile: serverBundle, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { startScriptedServer, toolTurn, toolUse } = await import(pathToFileURL(serverBundle).href);

const content = 'RUN echo filler line for a large write\n'.repeat(Math.ceil((MB * 1024 * 1024) / 39)).slice(0, MB * 1024 * 1024);
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
console.log(`docker-expert: one Write of ${mib(content.length)} through the scripted Messages API`);

for (const limit of [undefined, String(content.length + 1)]) {
  const project = path.join(work, `project-${limit ?? 'default'}`);
  mkdirSync(path.join(project, '.claude', 'agents'), { recursive: true });
  writeFileSync(
    path.join(project, '.claude', 'agents', 'bench-agent.md'),
    "---\nname: bench-agent\ndescription: 'Large write benchmark agent.\n\n  Hands off to: terminal'\nmodel: sonnet\ntools: Write\n---\n\n# Bench agent\n\nWrite the file, then hand off.\n",
  );
  // The workflow lets the agent write in the design step: analyze and design come first, in the same turn.
  const step = (name, status) => toolUse('WorkflowStep', { step: name, status, summary: `${name} ${status}` });
  const first = [step('analyze', 'done'), step('design', 'done')];
  const rest = ['secure', 'optimize', 'deploy'].map((name) => step(name, 'skipped'));
  const server = await startScriptedServer([], {
    whenDone: (request) =>
      request.body.messages.length === 1
        ? toolTurn([...first, toolUse('Write', { file_path: path.join(project, 'big.txt'), content })])
        : toolTurn([...rest, toolUse('Handoff', { to: 'terminal', summary: 'Done.' })]),
  });
  const stats = path.join(work, 'stats.json');
  const args = ['--import', pathToFileURL(path.join(root, 'bench/stats-preload.mjs')).href, path.join(root, 'bin/docker-expert.js'), 'run', 'write the big file', '--agent', 'bench-agent', '--cwd', project, '--strict-mcp-config', '--permission-mode', 'acceptEdits', '--output-format', 'json'];
  const child = spawn(process.execPath, limit ? [...args, '--max-write-bytes', limit] : args, {
    env: { ...process.env, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: server.url, BENCH_STATS_FILE: stats },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  await server.close();
  const sessions = path.join(project, '.docker-expert', 'sessions');
  const session = path.join(sessions, readdirSync(sessions)[0]);
  const blobDir = path.join(session, 'blobs');
  const blobs = existsSync(blobDir) ? readdirSync(blobDir).map((f) => statSync(path.join(blobDir, f)).size) : [];
  const written = existsSync(path.join(project, 'big.txt')) ? statSync(path.join(project, 'big.txt')).size : 0;
  const { maxRssKiB } = JSON.parse(readFileSync(stats, 'utf8'));
  console.log(`  --max-write-bytes ${limit ?? 'default'}: exit ${code}, file written ${mib(written)}`);
  console.log(`    journal.jsonl ${mib(statSync(path.join(session, 'journal.jsonl')).size)}, blobs ${blobs.length} (${mib(blobs.reduce((a, b) => a + b, 0))}), peak RSS ${mib(maxRssKiB * 1024)}`);
  if (process.env.BENCH_VERBOSE) console.log(stdout.slice(0, 2000), stderr.slice(-800));
}
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
