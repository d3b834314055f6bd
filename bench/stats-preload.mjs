// Loaded with `node --import` into the process being measured: at exit, writes its own CPU time and peak RSS, and the
// CPU time it had used when its first HTTP request started (the model request: a figure the machine's load does not
// stretch the way it stretches wall time).
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_STATS_FILE;
if (file) {
  const cpuMs = () => {
    const cpu = process.cpuUsage();
    return (cpu.user + cpu.system) / 1000;
  };
  let firstRequestCpuMs;
  const onRequest = () => {
    firstRequestCpuMs ??= cpuMs();
    diagnostics.unsubscribe('http.client.request.start', onRequest);
  };
  diagnostics.subscribe('http.client.request.start', onRequest);
  process.on('exit', () => {
    const { maxRSS } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: cpuMs(), maxRssKiB: maxRSS, firstRequestCpuMs }));
  });
}
