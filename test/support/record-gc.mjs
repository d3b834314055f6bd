// `node --import ./record-gc.mjs`: at exit, writes the process's garbage collections to $RECORD_GC_FILE, one a line
// (`major` for a mark-compact, `minor` for a scavenge, with its duration in ms).
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';

const file = process.env.RECORD_GC_FILE;
if (file) {
  const seen = [];
  const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
  const note = (entries) => {
    for (const e of entries) seen.push(`${kinds[e.detail?.kind] ?? e.detail?.kind} ${e.duration.toFixed(2)}`);
  };
  const observer = new PerformanceObserver((list) => note(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  process.on('exit', () => {
    note(observer.takeRecords());
    writeFileSync(file, seen.join('\n'));
  });
}
