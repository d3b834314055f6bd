import { hitAt } from '../rule.js';
import type { Rule, RunShell } from '../rule.js';
import { isCall } from '../lib/commands.js';
import { APT_VALUE_FLAGS, hasCacheMount } from '../lib/packages.js';
import { finalLineage } from '../lib/stages.js';
import type { DockerfileModel } from '../model.js';

const APT = ['apt-get', 'apt'];
/** apt commands that read the package lists `apt-get update` fetched. */
const NEEDS_LISTS = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'source', 'build-dep', 'download'];

/**
 * Whether a later RUN (in this stage or one built on it) uses the package lists without fetching them again: removing
 * the lists here would break it, so the fix must leave this to a finding.
 */
function laterRunNeedsLists(model: DockerfileModel, run: RunShell): boolean {
  const stage = run.instr.stage;
  if (!stage) return true;
  return model.runs().some((other) => {
    const s = other.instr.stage;
    if (!s || other.instr.start <= run.instr.start || !model.lineage(s).includes(stage)) return false;
    const cmds = other.analysis.commands;
    const firstUse = cmds.findIndex((c) => isCall(c, APT, NEEDS_LISTS, APT_VALUE_FLAGS));
    if (firstUse < 0) return false;
    const update = cmds.findIndex((c) => isCall(c, APT, ['update'], APT_VALUE_FLAGS));
    return update < 0 || update > firstUse;
  });
}

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
  fix(ctx, hit) {
    const run = hit.data as RunShell;
    const last = run.analysis.statements[run.analysis.statements.length - 1];
    if (!run.exact || run.source.kind !== 'shell' || run.source.heredoc || !last || run.analysis.hasError) return undefined;
    // Only a RUN that installs what it updated, and only when no later RUN still reads the lists.
    if (!run.analysis.commands.some((c) => isCall(c, APT, NEEDS_LISTS, APT_VALUE_FLAGS)) || laterRunNeedsLists(ctx.model, run)) return undefined;
    const end = last[last.length - 1].end;
    const at = run.toFile(end);
    return { description: 'added rm -rf /var/lib/apt/lists/*', edits: [{ start: at, end: at, text: ' \\\n    && rm -rf /var/lib/apt/lists/*' }] };
  },
};
