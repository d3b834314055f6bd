// `npm run bench`: start-up and per-turn cost of `docker-expert run` against the scripted Messages API.
// Prints figures next to the issue's targets; it is a measurement, not a test (nothing fails on a miss).
// BENCH_NODES=/path/to/node24,/path/to/node22 measures the CLI under those Node binaries too, one block each, after
// the Node running the bench (the bundle and node_modules are the same: no dependency has ABI-specific code).
// CLAUDE_BIN=/path/to/claude adds the side-by-side with Claude Code (bench/vs-claude-code.mjs) to the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { childEnv, extraCaCertsNote } from './child-env.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin/docker-expert.js');
const preload = pathToFileURL(path.join(root, 'bench/stats-preload.mjs')).href;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const LONG_SESSION_TURNS = 30;
// The issue's targets (16); the one-turn wall's is relative to Claude Code: npm run bench:vs-claude-code.
const TARGETS = { firstRequestS: 0.25, firstRequestMcpS: 0.35, cpuPerTurnMs: 5, peakRssMiB: 100 };

const work = mkdtempSync(path.join(os.tmpdir(), 'de-bench-'));
const serverBundle = path.join(work, 'scripted-server.mjs');
await build({ entryPoints: [path.join(root, 'test/support/scripted-server.ts')], outfile: serverBundle, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { startScriptedServer, toolTurn, toolUse } = await import(pathToFileURL(serverBundle).href);

const project = path.join(work, 'project');
const files = [];
{
  const { mkdirSync } = await import('node:fs');
  mkdirSync(project);
  for (let i = 0; i < LONG_SESSION_TURNS; i++) {
    const f = path.join(project, `Dockerfile.${i}`);
    writeFileSync(f, `FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"] # ${i}\n`);
    files.push(f);
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One CLI run under `node` against a fresh server; returns wall time, time to first request, and the child's own CPU and RSS. */
async function runOnce(node, script, extraArgs = ['--strict-mcp-config'], extraEnv = {}) {
  const server = await startScriptedServer(script);
  const statsFile = path.join(work, `stats-${process.hrtime.bigint()}.json`);
  let firstRequestAt;
  const origPush = server.requests.push.bind(server.requests);
  server.requests.push = (...items) => {
    firstRequestAt ??= performance.now();
    return origPush(...items);
  };
  const started = performance.now();
  const entry = process.env.BENCH_CLI ? [path.join(root, 'bench/launch.mjs'), path.resolve(process.env.BENCH_CLI)] : [bin];
  const child = spawn(node, ['--import', preload, ...entry, 'run', ...extraArgs, '--output-format', 'json', 'Review the Dockerfiles'], {
    cwd: project,
    // `node` first on PATH, so the MCP servers that .mcp.json starts with `node` run on the same line.
    env: { ...childEnv, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: server.url, BENCH_STATS_FILE: statsFile, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const wallMs = performance.now() - started;
  await server.close();
  if (code !== 0) throw new Error(`docker-expert run exited ${code}: ${err || out}`);
  const result = JSON.parse(out);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  return { wallMs, firstRequestMs: firstRequestAt - started, turns: result.num_turns, ...stats };
}

// The docker-expert ends through its workflow: one response with the five WorkflowStep calls and the Handoff.
const finish = (summary) =>
  toolTurn([
    ...['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step} in a review` })),
    toolUse('Handoff', { to: 'terminal', summary }),
  ]);
const oneTurn = () => [finish('The Dockerfile is fine.')];
const longSession = () => [...files.slice(0, LONG_SESSION_TURNS - 1).map((f) => toolTurn([toolUse('Read', { file_path: f })])), finish('Read them all.')];

/** Every figure for one Node binary, as printed rows. */
async function measure(node) {
  // Warm the file-system cache, the bundle and (Node 22.1+) the compile cache once.
  await runOnce(node, oneTurn());
  // One-turn and 30-turn runs alternate, and the CPU per further turn is the median of each pair's difference: the
  // machine's speed drifts (other work, the host), and a pair run back to back sees the same machine.
  const short = [];
  const long = [];
  const perTurn = [];
  for (let i = 0; i < REPEATS; i++) {
    const one = await runOnce(node, oneTurn());
    const thirty = await runOnce(node, longSession());
    short.push(one);
    long.push(thirty);
    perTurn.push((thirty.cpuMs - one.cpuMs) / (LONG_SESSION_TURNS - 1));
  }

  // The same one-turn run with the MCP servers of the package's .mcp.json (what a plain `docker-expert run` starts),
  // after one run that fills their tools/list cache (keyed by the expanded config: another checkout starts cold).
  await runOnce(node, oneTurn(), []);
  const withMcpRuns = [];
  for (let i = 0; i < Math.max(1, Math.ceil(REPEATS / 2)); i++) withMcpRuns.push(await runOnce(node, oneTurn(), []));

  // What the compile cache saves, where the line has one (bin/docker-expert.js turns it on when present).
  const hasCache = execFileSync(node, ['-p', "typeof require('node:module').enableCompileCache"], { encoding: 'utf8' }).trim() === 'function';
  const uncached = [];
  if (hasCache) for (let i = 0; i < REPEATS; i++) uncached.push(await runOnce(node, oneTurn(), undefined, { NODE_DISABLE_COMPILE_CACHE: '1' }));

  const floor = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await new Promise((resolve) => spawn(node, ['-e', ''], { stdio: 'ignore' }).on('exit', resolve));
    floor.push(performance.now() - t);
  }

  const oneWall = median(short.map((r) => r.wallMs)) / 1000;
  const cpuOne = median(short.map((r) => r.cpuMs));
  const cpuLong = median(long.map((r) => r.cpuMs));
  const cpuPerTurn = median(perTurn);
  const peakRss = Math.max(...long.map((r) => r.maxRssKiB)) / 1024;
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const rows = [
    ['node -e "" (floor, wall)', `${(median(floor) / 1000).toFixed(3)} s`, ''],
    ['start to first request', `${(median(short.map((r) => r.firstRequestMs)) / 1000).toFixed(3)} s`, `<= ${TARGETS.firstRequestS} s; ${hasCache ? 'compile cache on' : 'no compile cache on this line'}`],
    ['  CPU used by then', `${(median(short.map((r) => r.firstRequestCpuMs)) / 1000).toFixed(3)} s`, 'of the process itself; load does not stretch it as it does wall time'],
    ['  the same, package .mcp.json', `${(median(withMcpRuns.map((r) => r.firstRequestMs)) / 1000).toFixed(3)} s`, `<= ${TARGETS.firstRequestMcpS} s (warm tool-list cache)`],
    ...(hasCache ? [['  the same, compile cache off', `${(median(uncached.map((r) => r.firstRequestMs)) / 1000).toFixed(3)} s`, 'NODE_DISABLE_COMPILE_CACHE=1']] : []),
    ['one-turn run, wall', `${oneWall.toFixed(3)} s`, ''],
    ['one-turn run with package MCP, wall', `${(median(withMcpRuns.map((r) => r.wallMs)) / 1000).toFixed(3)} s`, ''],
    ['one-turn run, CPU', `${(cpuOne / 1000).toFixed(3)} s`, ''],
    ...(hasCache ? [['  the same, compile cache off', `${(median(uncached.map((r) => r.cpuMs)) / 1000).toFixed(3)} s`, '']] : []),
    [`${LONG_SESSION_TURNS}-turn Read session, CPU`, `${(cpuLong / 1000).toFixed(3)} s`, ''],
    ['CPU per further turn', `${cpuPerTurn.toFixed(2)} ms`, `<= ${TARGETS.cpuPerTurnMs} ms; median of ${perTurn.length} paired differences, ${Math.min(...perTurn).toFixed(2)}-${Math.max(...perTurn).toFixed(2)}`],
    [`peak RSS over ${LONG_SESSION_TURNS} turns`, `${peakRss.toFixed(1)} MiB`, `<= ${TARGETS.peakRssMiB} MiB`],
  ];
  return { version, rows };
}

const nodes = [process.execPath, ...(process.env.BENCH_NODES ?? '').split(',').map((n) => n.trim()).filter(Boolean)];
console.log(`docker-expert bench${process.env.BENCH_CLI ? ` of ${process.env.BENCH_CLI}` : ''} (median of ${REPEATS}; ${os.cpus().length} cores)`);
if (extraCaCertsNote()) console.log(extraCaCertsNote());
for (const node of nodes) {
  const { version, rows } = await measure(node);
  console.log(`Node ${version} (${node}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  for (const [name, value, target] of rows) console.log(`  ${name.padEnd(34)} ${value.padStart(10)}   ${target}`);
}
await (await import('./hook-latency.mjs')).printHookLatency(nodes);
// Side by side with Claude Code in the same run when its binary is given (see bench/vs-claude-code.mjs).
if (process.env.CLAUDE_BIN) await import('./vs-claude-code.mjs');
rmSync(work, { recursive: true, force: true });
