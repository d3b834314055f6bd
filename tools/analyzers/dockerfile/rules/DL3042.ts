import { hitInRun } from '../rule.js';
import type { Rule, RuleContext, RunShell, ShellCommand } from '../rule.js';
import { allCommands } from '../lib/commands.js';
import { hasCacheOrTmpfsMount, pipInstallArgs } from '../lib/packages.js';
import { insertAfter } from '../lib/fixes.js';
import type { Env } from 'dockerfile-ast';

/**
 * PIP_NO_CACHE_DIR read as it says: `0`/`false`/`off`/`no` ask for the cache, any other value turns it off. (pip itself,
 * for backward compatibility, turns the cache off for the false values too; a setting that reads the opposite of what it
 * does is still worth a finding, as hadolint gives.)
 */
const disables = (value: string) => !/^(0|false|off|no)$/i.test(value);

/** The last PIP_NO_CACHE_DIR an ENV or ARG sets before this RUN, in its stage or a stage it builds on. */
function envValue(ctx: RuleContext, run: RunShell): string | undefined {
  const stage = run.instr.stage;
  const lineage = stage ? ctx.model.lineage(stage) : [];
  const at = (run.instr.onbuild ?? run.instr).start;
  let value: string | undefined;
  for (const i of ctx.model.instructions) {
    if (i.start >= at) break;
    if ((i.keyword !== 'ENV' && i.keyword !== 'ARG') || (stage ? !i.stage || !lineage.includes(i.stage) : i.stage)) continue;
    for (const p of (i.node as Env).getProperties()) if (p.getName() === 'PIP_NO_CACHE_DIR') value = p.getValue() ?? '';
  }
  return value;
}

/** The value PIP_NO_CACHE_DIR has for this command: set in the RUN before it (inline or exported), else by ENV/ARG. */
function noCacheDir(ctx: RuleContext, run: RunShell, cmd: ShellCommand): string | undefined {
  const set = run.analysis.assignments.filter((a) => a.name === 'PIP_NO_CACHE_DIR' && a.start < cmd.end);
  return set.length ? set[set.length - 1].value : envValue(ctx, run);
}

export const DL3042: Rule = {
  id: 'DL3042',
  severity: 'warning',
  description: 'Use `pip install --no-cache-dir` (or a cache mount) so the download cache stays out of the image.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx).flatMap(({ run, cmd }) => {
      const pip = pipInstallArgs(cmd);
      if (!pip || pip.args.some((a) => a.value === '--no-cache-dir' || a.value.startsWith('--cache-dir'))) return [];
      if (hasCacheOrTmpfsMount(run, /\.cache(\/pip)?\/?$/)) return [];
      const value = noCacheDir(ctx, run, cmd);
      if (value !== undefined && disables(value)) return [];
      return [hitInRun(run, cmd, value === undefined ? 'pip install without --no-cache-dir' : `pip install without --no-cache-dir: PIP_NO_CACHE_DIR=${value} reads as keeping the cache (pip turns it off for any yes/no value, so say it plainly with --no-cache-dir or PIP_NO_CACHE_DIR=1)`, { run, word: pip.install })];
    });
  },
  fix: (_ctx, hit) => insertAfter(hit, '--no-cache-dir', 'added --no-cache-dir to pip install'),
};
