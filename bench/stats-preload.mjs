// Loaded with `node --import` into the process being measured: at exit, writes its own CPU time and peak RSS.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_STATS_FILE;
if (file) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    const { maxRSS } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: maxRSS }));
  });
}
