// `node bench/large-yaml.mjs [--mb 5] [--corpus DIR]`: `docker-expert check` of one multi-document Kubernetes file
// of N MiB, built from the corpus's real manifests (read at run time, never stored), with --max-file-bytes raised to
// let it through. Prints wall time and peak RSS of the CLI, and the default limit's answer. A measurement, not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const MB = Number(opt('--mb', '5'));
const corpus = path.resolve(opt('--corpus', process.env.DOCKER_EXPERT_CORPUS ?? '/work/shared/corpus'));
if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: nothing to measure`);
  process.exit(0);
}
const manifests = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e.name)) {
      const text = readFileSync(p, 'utf8').trim();
      if (/^apiVersion:/m.test(text) && /^kind:/m.test(text) && !text.includes('{{')) manifests.push(text);
    }
  }
};
walk(corpus);
const parts = [];
let size = 0;
for (let i = 0; size < MB * 1024 * 1024; i++) {
  parts.push(manifests[i % manifests.length]);
  size += manifests[i % manifests.length].length + 5;
}
const work = mkdtempSync(path.join(os.tmpdir(), 'de-bench-yaml-'));
const file = path.join(work, 'all.yaml');
writeFileSync(file, `${parts.join('\n---\n')}\n`);
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const stats = path.join(work, 'stats.json');
const run = (extra) => {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(root, 'bench/stats-preload.mjs')).href, path.join(root, 'bin/docker-expert.js'), 'check', file, '--format', 'json', ...extra], {
    env: { ...process.env, BENCH_STATS_FILE: stats },
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - started) / 1000;
  const report = JSON.parse(r.stdout.toString());
  return { wall, rssMiB: JSON.parse(readFileSync(stats, 'utf8')).maxRssKiB / 1024, findings: report.summary?.total ?? report.findings?.length, exit: r.status, report };
};
const bytes = statSync(file).size;
console.log(`docker-expert check of one Kubernetes file: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${parts.length} documents from ${manifests.length} corpus manifests`);
const whole = run(['--max-file-bytes', String(bytes)]);
console.log(`  analyzed (--max-file-bytes ${bytes}): ${whole.wall.toFixed(2)} s, peak RSS ${whole.rssMiB.toFixed(0)} MiB, ${whole.findings} findings, exit ${whole.exit}`);
const limited = run([]);
const rule = JSON.stringify(limited.report).includes('FILE-LIMIT') ? 'FILE-LIMIT' : 'no FILE-LIMIT finding';
console.log(`  default limit: ${limited.wall.toFixed(2)} s, peak RSS ${limited.rssMiB.toFixed(0)} MiB, ${rule}, exit ${limited.exit}`);
rmSync(work, { recursive: true, force: true });
