import { hitInRun } from '../rule.js';
import type { Rule, RuleContext, Stage } from '../rule.js';
import { allCommands } from '../lib/commands.js';
import { hasCacheMount, pipInstallArgs } from '../lib/packages.js';
import { insertAfter } from '../lib/fixes.js';
import type { Env } from 'dockerfile-ast';

function cacheDisabledByEnv(ctx: RuleContext, stage: Stage | undefined): boolean {
  if (!stage) return false;
  return ctx.model.lineage(stage).some((s) =>
    s.instructions.some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && (i.node as Env).getProperties().some((p) => p.getName() === 'PIP_NO_CACHE_DIR' && !/^(0|false|off|no)$/i.test(p.getValue() ?? ''))),
  );
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
      if (cmd.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR') || run.analysis.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR')) return [];
      if (hasCacheMount(run, /\.cache(\/pip)?\/?$/) || cacheDisabledByEnv(ctx, run.instr.stage)) return [];
      return [hitInRun(run, cmd, 'pip install without --no-cache-dir', { run, word: pip.install })];
    });
  },
  fix: (_ctx, hit) => insertAfter(hit, '--no-cache-dir', 'added --no-cache-dir to pip install'),
};
