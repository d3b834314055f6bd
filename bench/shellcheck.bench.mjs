// What ShellCheck adds per Dockerfile: analyzeDockerfile with and without it over corpus Dockerfiles that have a RUN.
// Usage: node bench/shellcheck.bench.mjs [--files N] [--corpus DIR]
// Wall time swings with the machine's load; the CPU time of the shellcheck processes (Linux: /proc/self/stat cutime
// + cstime of reaped children) does not, so both are reported.
import { importTs } from './import-ts.mjs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const COUNT = Number(opt('--files', '50'));
const corpus = path.resolve(opt('--corpus', process.env.DOCKER_EXPERT_CORPUS ?? '/work/shared/corpus'), 'dockerfiles');
if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: nothing to measure`);
  process.exit(0);
}
const { analyzer } = await importTs('shellcheck-bench', { analyzer: 'tools/analyzers/dockerfile/index.ts' });
await analyzer.preloadDockerfileAnalyzer();

// Evenly spread over the sorted corpus, among files with a RUN (the others never start ShellCheck).
const withRun = readdirSync(corpus)
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(corpus, name), 'utf8') }))
  .filter((f) => /^\s*(?:ONBUILD\s+)?RUN\s/im.test(f.text));
const step = Math.max(1, withRun.length / COUNT);
const files = Array.from({ length: Math.min(COUNT, withRun.length) }, (_, i) => withRun[Math.floor(i * step)]);

/** CPU ms of waited-for children (user + system), or undefined off Linux. */
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime, cstime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const without = [];
const withSc = [];
const overhead = [];
const cpuPerFile = [];
const again = [];
const notices = new Set();
let scFindings = 0;
const cpu0 = childCpuMs();
for (const f of files) {
  await analyzer.analyzeDockerfile(f.text, { file: f.name, shellcheck: false }); // warm
  let t = performance.now();
  await analyzer.analyzeDockerfile(f.text, { file: f.name, shellcheck: false });
  const a = performance.now() - t;
  analyzer.clearShellcheckCache(); // each file's RUNs go to ShellCheck, even when another file had the same script
  const c = childCpuMs();
  t = performance.now();
  const found = await analyzer.analyzeDockerfile(f.text, { file: f.name, onNotice: (n) => notices.add(n) });
  const b = performance.now() - t;
  if (c !== undefined) cpuPerFile.push(childCpuMs() - c);
  without.push(a);
  withSc.push(b);
  overhead.push(b - a);
  scFindings += found.filter((x) => x.rule.startsWith('SC')).length;
  // Checked again: its scripts are remembered, so no ShellCheck process starts.
  t = performance.now();
  await analyzer.analyzeDockerfile(f.text, { file: f.name });
  again.push(performance.now() - t);
}
const cpu1 = childCpuMs();
console.log(`ShellCheck overhead over ${files.length} corpus Dockerfiles with a RUN (${scFindings} SC findings)`);
if (notices.size) console.log(`  notices: ${[...notices].join(' | ')}`);
console.log(`  analyzeDockerfile without ShellCheck: ${median(without).toFixed(2)} ms median`);
console.log(`  analyzeDockerfile with ShellCheck:    ${median(withSc).toFixed(2)} ms median`);
console.log(`  overhead: ${median(overhead).toFixed(1)} ms median wall per Dockerfile, ${Math.max(...overhead).toFixed(0)} ms max`);
if (cpu0 !== undefined && cpu1 !== undefined) {
  console.log(`  shellcheck CPU per Dockerfile: ${median(cpuPerFile).toFixed(0)} ms median (10 ms ticks), ${((cpu1 - cpu0) / files.length).toFixed(1)} ms mean, ${Math.max(...cpuPerFile).toFixed(0)} ms max`);
}
console.log(`  the same file again (cached): ${median(again).toFixed(2)} ms median`);
console.log(`  load average: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
