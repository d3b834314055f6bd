// The V8 flags the CLI gives itself at start (bin/docker-expert.js, through v8.setFlagsFromString, before the bundle
// loads), by command and V8 version. A flag already on node's command line (process.execArgv) is left as given there.
// Only flags each V8 line knows: an unknown one would print "unrecognized flag" on stderr.

/** Commands that serve for as long as they run: their heaps grow, and they keep V8's own GC schedule. */
const SERVERS = new Set(['serve', 'worker', 'mcp']);

/**
 * @param {string | undefined} command the CLI command (argv[2])
 * @param {string} v8Version process.versions.v8
 * @param {readonly string[]} [execArgv] node's own options (process.execArgv)
 * @returns {string[]} flags to set, each `--name=value`
 */
export function v8FlagsFor(command, v8Version, execArgv = []) {
  const flags = [];
  // V8 11 (Node 20) optimises a function with TurboFan once it has run some 66 KB of bytecode; a run spends most of
  // its turns in code that gets that hot within a few turns and is then compiled at a cost no later turn earns back
  // (a 30-turn run paid about a third of its per-turn CPU for it). Four times the budget leaves the truly hot code
  // (analyzers, parsers, a long `serve`) optimised, later. Later V8s count invocations instead and lack this flag.
  if (v8Version.startsWith('11.')) flags.push(`--interrupt-budget=${4 * 66 * 1024}`);
  // V8 starts marking the old generation for a full collection once the room left under its limit is smaller than the
  // new space (a scavenge could promote that much). On Node 20 a run's start leaves about 10 MB there against a first
  // limit of 14 MB, with 4 MB of new space: so every run of more than a few turns paid one mark-compact (15-20 ms of
  // CPU, about 0.6 ms per turn of a 30-turn run) that found most of it live, though the heap was nowhere near its
  // limit. Starting at 95% of the limit (in a task; at once at 100%) collects when the heap does get there instead.
  // Only on V8 11: on Node 24 the collection it would save costs about 7 ms and nothing measurable per turn, and there
  // a process whose flags changed at run time hung now and then in a futex wait (1 in 6 runs of hook-loads.test.ts,
  // with a loader hook thread; V8 supports changing flags only before it starts). Not for the hook either (its heap
  // never gets near a collection, and it must answer in milliseconds). npm run bench: CPU per further turn.
  if (v8Version.startsWith('11.') && !SERVERS.has(command) && command !== 'hook') flags.push('--incremental-marking-soft-trigger=95', '--incremental-marking-hard-trigger=100');
  const named = (flag) => flag.split('=')[0];
  return flags.filter((flag) => !execArgv.some((given) => named(given) === named(flag)));
}
