import { hitAt } from '../rule.js';
import type { Rule, RunShell } from '../rule.js';
import { isCall } from '../lib/commands.js';
import { APT_VALUE_FLAGS, hasCacheMount } from '../lib/packages.js';
import { finalLineage } from '../lib/stages.js';

function cleansLists(run: RunShell): boolean {
  return run.analysis.commands.some((c) => c.name === 'rm' && c.args.some((a) => a.value.startsWith('/var/lib/apt/lists')));
}

export const DL3009: Rule = {
  id: 'DL3009',
  severity: 'info',
  description: 'Delete the apt lists (rm -rf /var/lib/apt/lists/*) in the RUN that installs packages.',
  aliases: [],
  check(ctx) {
    const lineage = finalLineage(ctx.model);
    return ctx.model
      .runs()
      .filter((run) => run.instr.stage && lineage.has(run.instr.stage))
      .filter((run) => run.analysis.commands.some((c) => isCall(c, ['apt-get', 'apt'], ['install', 'update'], APT_VALUE_FLAGS)))
      .filter((run) => !cleansLists(run) && !hasCacheMount(run, /^\/var\/lib\/apt(\/lists)?\/?$/))
      .map((run) => hitAt(run.instr, 'apt lists are left in the layer: add `&& rm -rf /var/lib/apt/lists/*` to this RUN', run));
  },
  fix(_ctx, hit) {
    const run = hit.data as RunShell;
    const last = run.analysis.statements[run.analysis.statements.length - 1];
    if (!run.exact || run.source.kind !== 'shell' || run.source.heredoc || !last || run.analysis.hasError) return undefined;
    const end = last[last.length - 1].end;
    const at = run.toFile(end);
    return { description: 'added rm -rf /var/lib/apt/lists/*', edits: [{ start: at, end: at, text: ' \\\n    && rm -rf /var/lib/apt/lists/*' }] };
  },
};
