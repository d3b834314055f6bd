// `node bench/batch-throughput.mjs`: throughput of `docker-expert batch` against the scripted Messages API when every
// response takes 300 ms, compared with the ideal for the concurrency (tasks / concurrency rounds of the per-task model
// time). A measurement, not a test: nothing fails on a miss. Env: BENCH_TASKS, BENCH_CONCURRENCY, BENCH_LATENCY_MS.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TASKS = Number(process.env.BENCH_TASKS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);
/** Model responses per task: a Read turn, then the five steps and the Handoff. */
const RESPONSES_PER_TASK = 2;
const TARGET = 0.9;

// The CLI runs from its bundle: build it from the current sources first.
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const work = mkdtempSync(path.join(os.tmpdir(), 'de-bench-batch-'));
const serverBundle = path.join(work, 'scripted-server.mjs');
await build({ entryPoints: [path.join(root, 'test/support/scripted-server.ts')], outfile: serverBundle, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { startScriptedServer, toolTurn, toolUse } = await import(pathToFileURL(serverBundle).href);

// A project with a Dockerfile and an agent without MCP tools, so no MCP server start-up is measured.
const project = path.join(work, 'project');
mkdirSync(path.join(project, '.claude', 'agents'), { recursive: true });
writeFileSync(path.join(project, 'Dockerfile'), 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
writeFileSync(
  path.join(project, '.claude', 'agents', 'bench-agent.md'),
  "---\nname: bench-agent\ndescription: 'Batch benchmark agent.\n\n  Hands off to: terminal'\nmodel: sonnet\ntools: Read, Bash(docker:*)\n---\n\n# Bench agent\n\nRead the Dockerfile, then hand off.\n",
);
const steps = ['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` }));
let firstRequestAt;
let lastReplyAt;
const server = await startScriptedServer([], {
  // Every request is answered by its place in its own conversation, whichever task it comes from.
  whenDone: (request) => {
    firstRequestAt ??= performance.now();
    lastReplyAt = performance.now() + LATENCY_MS;
    return request.body.messages.length === 1
      ? { ...toolTurn([toolUse('Read', { file_path: path.join(project, 'Dockerfile') })]), latencyMs: LATENCY_MS }
      : { ...toolTurn([...steps, toolUse('Handoff', { to: 'terminal', summary: 'Reviewed.' })]), latencyMs: LATENCY_MS };
  },
});

const tasksFile = path.join(work, 'tasks.jsonl');
writeFileSync(tasksFile, Array.from({ length: TASKS }, (_, i) => JSON.stringify({ id: `t${i}`, task: `review the Dockerfile (${i})`, cwd: project })).join('\n') + '\n');
const out = path.join(work, 'results.jsonl');
const started = performance.now();
const child = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []), path.join(root, 'bin/docker-expert.js'), 'batch', tasksFile, '--concurrency', String(CONCURRENCY), '--agent', 'bench-agent', '--out', out], {
  env: { ...process.env, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: server.url },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
const code = await new Promise((resolve) => child.on('exit', resolve));
const wallS = (performance.now() - started) / 1000;
await server.close();
const results = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const failed = results.filter((r) => r.is_error);
if (code !== 0 || failed.length) {
  console.error(`batch exited ${code}; ${failed.length} task(s) failed: ${failed[0]?.result ?? stderr}`);
  process.exitCode = 1;
}
// From the first request to the last reply: the batch's own time, without the process start-up before it.
const batchS = (lastReplyAt - firstRequestAt) / 1000;
const idealS = (Math.ceil(TASKS / CONCURRENCY) * RESPONSES_PER_TASK * LATENCY_MS) / 1000;
const efficiency = idealS / batchS;
console.log(`docker-expert batch throughput (load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores)`);
console.log(`  ${TASKS} tasks, --concurrency ${CONCURRENCY}, ${RESPONSES_PER_TASK} responses per task at ${LATENCY_MS} ms each, ${server.messageRequests.length} requests`);
console.log(`  first request to last reply ${batchS.toFixed(2)} s   ideal ${idealS.toFixed(2)} s`);
console.log(`  throughput                  ${(TASKS / batchS).toFixed(2)} tasks/s   ideal ${(TASKS / idealS).toFixed(2)} tasks/s`);
console.log(`  share of the ideal          ${(efficiency * 100).toFixed(1)} %   target >= ${TARGET * 100} %`);
console.log(`  wall with process start-up  ${wallS.toFixed(2)} s`);
rmSync(work, { recursive: true, force: true });
