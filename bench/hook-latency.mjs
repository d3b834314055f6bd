// The Claude Code hook's start-to-answer time (`docker-expert hook pre-tool-use`, one process per tool call, as Claude
// Code runs it): wall time from spawn to exit with the answer read, median of BENCH_HOOK_REPEATS (default 11) per
// case, under each Node of `nodes`. Target: <= 150 ms. `npm run bench` prints it after its own figures; alone:
// `node bench/hook-latency.mjs`.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, extraCaCertsNote } from './child-env.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin/docker-expert.js');
const REPEATS = Number(process.env.BENCH_HOOK_REPEATS ?? 11);
const TARGET_MS = 150;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function once(node, args, input, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, [bin, 'hook', ...args], { cwd, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ms: performance.now() - started, out }) : reject(new Error(`hook exited ${code}`))));
    child.stdin.end(input);
  });
}

export async function measureHookLatency(node) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'de-bench-hook-'));
  const project = path.join(work, 'project');
  mkdirSync(path.join(project, '.claude', 'agents'), { recursive: true });
  cpSync(path.join(root, '.claude/agents/docker-expert.md'), path.join(project, '.claude/agents/docker-expert.md'));
  writeFileSync(path.join(project, 'Dockerfile'), 'FROM node:latest\nADD . /app\nCMD node /app/server.js\n');
  const call = (tool_name, tool_input, extra = {}) => JSON.stringify({ session_id: 'bench', cwd: project, permission_mode: 'default', hook_event_name: 'PreToolUse', agent_type: 'docker-expert', tool_name, tool_input, tool_use_id: 'toolu_bench', ...extra });
  const cases = [
    ['agent: docker ps (deferred)', ['pre-tool-use'], call('Bash', { command: 'docker ps' })],
    ['agent: docker run --privileged (denied)', ['pre-tool-use'], call('Bash', { command: 'docker run --privileged -v /:/host alpine' })],
    ['agent: docker ps | grep \'web\' (pipeline)', ['pre-tool-use'], call('Bash', { command: "docker ps | grep 'web'" })],
    ['agent: docker logs web 2>&1 | tail (redirection)', ['pre-tool-use'], call('Bash', { command: 'docker logs web 2>&1 | tail -n 20' })],
    ['agent: docker exec web sh -c "..." (quotes)', ['pre-tool-use'], call('Bash', { command: 'docker exec web sh -c "cat /etc/hosts"' })],
    // An expansion: left to the bash parser (tree-sitter's wasm start), which simplePlan spares the cases above.
    ['agent: docker ps --filter "name=$APP" (parser)', ['pre-tool-use'], call('Bash', { command: 'docker ps --filter "name=$APP"' })],
    ['agent: Read Dockerfile', ['pre-tool-use'], call('Read', { file_path: path.join(project, 'Dockerfile') })],
    ['main thread: git status', ['pre-tool-use'], call('Bash', { command: 'git status' }, { agent_type: undefined })],
    ['post-tool-use: Write Dockerfile (check)', ['post-tool-use'], JSON.stringify({ cwd: project, hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: path.join(project, 'Dockerfile'), content: '' }, tool_response: {} })],
  ];
  const rows = [];
  const all = [];
  for (const [name, args, input] of cases) {
    await once(node, args, input, project); // warm the file cache
    const ms = [];
    for (let i = 0; i < REPEATS; i++) ms.push((await once(node, args, input, project)).ms);
    if (args[0] === 'pre-tool-use') all.push(...ms);
    rows.push([name, median(ms)]);
  }
  rmSync(work, { recursive: true, force: true });
  return { rows, preToolUseMedian: median(all) };
}

export async function printHookLatency(nodes) {
  for (const node of nodes) {
    const { rows, preToolUseMedian } = await measureHookLatency(node);
    console.log(`Claude Code hook, start to answer (${node}; median of ${REPEATS}; load average ${os.loadavg()[0].toFixed(2)})`);
    if (extraCaCertsNote()) console.log(extraCaCertsNote());
    for (const [name, ms] of rows) console.log(`  ${name.padEnd(50)} ${`${ms.toFixed(0)} ms`.padStart(8)}`);
    console.log(`  ${'pre-tool-use, all cases'.padEnd(50)} ${`${preToolUseMedian.toFixed(0)} ms`.padStart(8)}   <= ${TARGET_MS} ms`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await printHookLatency([process.execPath]);
