#!/usr/bin/env node
// `npm run bench:vs-claude-code`: docker-expert and Claude Code side by side, each started as an installed command,
// running the same docker-expert.md against the same scripted Messages API (one response), alternating runs.
// Claude Code is a dev-time install, not a dependency: `npm install --prefix /tmp/cc
// @anthropic-ai/claude-agent-sdk-linux-x64@0.3.328` (= Claude Code 2.1.328), then CLAUDE_BIN=/tmp/cc/node_modules/
// @anthropic-ai/claude-agent-sdk-linux-x64/claude. Without CLAUDE_BIN only docker-expert is measured.
// Figures: wall time of the whole run and time from start to the first model request (medians of BENCH_REPEATS).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const claude = process.env.CLAUDE_BIN;
const work = mkdtempSync(path.join(os.tmpdir(), 'de-vs-cc-'));
const serverBundle = path.join(work, 'scripted-server.mjs');
await build({ entryPoints: [path.join(root, 'test/support/scripted-server.ts')], outfile: serverBundle, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { startScriptedServer, endTurn, toolTurn, toolUse } = await import(pathToFileURL(serverBundle).href);

// One project both run in: the agent definition where Claude Code looks for it, and a Dockerfile to review.
const project = path.join(work, 'project');
mkdirSync(path.join(project, '.claude', 'agents'), { recursive: true });
cpSync(path.join(root, '.claude', 'agents', 'docker-expert.md'), path.join(project, '.claude', 'agents', 'docker-expert.md'));
writeFileSync(path.join(project, 'Dockerfile'), 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
const TASK = 'Review the Dockerfile';
const cacheDir = path.join(work, 'cache');

const finish = () =>
  toolTurn([
    ...['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` })),
    toolUse('Handoff', { to: 'terminal', summary: 'The Dockerfile is fine.' }),
  ]);

async function runOnce(which, extraArgs = []) {
  // Claude Code may send more than one request (title, quota): every one gets a final answer.
  const script = which === 'claude' ? Array.from({ length: 8 }, () => endTurn('The Dockerfile is fine.')) : [finish()];
  const server = await startScriptedServer(script);
  let first;
  const push = server.requests.push.bind(server.requests);
  server.requests.push = (...items) => {
    first ??= performance.now();
    return push(...items);
  };
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    ANTHROPIC_API_KEY: 'bench',
    ANTHROPIC_BASE_URL: server.url,
    DOCKER_EXPERT_CACHE_DIR: cacheDir,
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  const [cmd, args] =
    which === 'claude'
      ? [claude, ['-p', TASK, '--agent', 'docker-expert', '--output-format', 'json', ...extraArgs]]
      : [path.join(root, 'bin', 'docker-expert.js'), ['run', TASK, '--output-format', 'json', ...extraArgs]];
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout.resume();
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const wallMs = performance.now() - started;
  await server.close();
  if (code !== 0) throw new Error(`${which} exited ${code}: ${err.slice(0, 500)}`);
  return { wallMs, firstMs: first === undefined ? NaN : first - started };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const variants = [
  ['docker-expert, package .mcp.json (warm tool-list cache)', 'de', []],
  ['docker-expert, --strict-mcp-config (no MCP servers)', 'de', ['--strict-mcp-config']],
  ...(claude && existsSync(claude) ? [['Claude Code', 'claude', []]] : []),
];
for (const [, which, extra] of variants) await runOnce(which, extra); // warm caches (fs, tool lists)
const results = variants.map(() => []);
for (let i = 0; i < REPEATS; i++) for (let v = 0; v < variants.length; v++) results[v].push(await runOnce(variants[v][1], variants[v][2]));

console.log(`docker-expert vs Claude Code (median of ${REPEATS}, alternating; ${os.cpus().length} cores; load ${os.loadavg()[0].toFixed(2)})`);
for (let v = 0; v < variants.length; v++) {
  const wall = median(results[v].map((r) => r.wallMs));
  const first = median(results[v].map((r) => r.firstMs));
  console.log(`  ${variants[v][0].padEnd(58)} wall ${(wall / 1000).toFixed(3)} s   first request ${(first / 1000).toFixed(3)} s`);
}
if (results.length === 3) {
  const cc = median(results[2].map((r) => r.wallMs));
  console.log(`  one-turn wall, docker-expert / Claude Code: ${(median(results[0].map((r) => r.wallMs)) / cc).toFixed(2)} with MCP, ${(median(results[1].map((r) => r.wallMs)) / cc).toFixed(2)} without (target <= 0.4, aim 0.25)`);
}
