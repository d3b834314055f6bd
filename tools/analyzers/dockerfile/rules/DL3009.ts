import { hitAt } from '../rule.js';
import type { Rule, RunShell } from '../rule.js';
import { isCall } from '../lib/commands.js';
import { APT_VALUE_FLAGS, hasCacheOrTmpfsMount } from '../lib/packages.js';
import { finalLineage } from '../lib/stages.js';
import type { DockerfileModel } from '../model.js';

const APT = ['apt-get', 'apt', 'aptitude'];
const LISTS_DIR = /^\/var\/lib\/apt(\/lists)?\/?$/;
const ARCHIVES_DIR = /^\/var\/cache\/apt(\/archives)?\/?$/;
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

/** The RUN removes the lists after its last `apt-get update` (removing them before the update leaves the new ones). */
function cleansLists(run: RunShell): boolean {
  const cmds = run.analysis.commands;
  const after = Math.max(-1, ...cmds.filter((c) => isCall(c, APT, ['update'], APT_VALUE_FLAGS)).map((c) => c.start));
  return cmds.some((c) => c.start > after && c.name === 'rm' && c.args.some((a) => a.value.startsWith('/var/lib/apt/lists')));
}

/** `rm /etc/apt/apt.conf.d/docker-clean`, or an apt setting to keep downloaded packages: the .deb files then stay in /var/cache/apt. */
function disablesDockerClean(run: RunShell): boolean {
  return run.analysis.commands.some(
    (c) => (c.name === 'rm' && c.args.some((a) => a.value === '/etc/apt/apt.conf.d/docker-clean')) || (c.name === 'echo' && c.args.some((a) => /Keep-Downloaded-Packages\W+true/i.test(a.value))),
  );
}

/** This RUN, or an earlier one in its stage or a stage it builds on, disabled docker-clean. */
function dockerCleanDisabled(model: DockerfileModel, run: RunShell): boolean {
  const stages = run.instr.stage ? model.lineage(run.instr.stage) : [];
  return model.runs().some((r) => r.instr.start <= run.instr.start && (r.instr.stage ? stages.includes(r.instr.stage) : !run.instr.stage) && disablesDockerClean(r));
}

export const DL3009: Rule = {
  id: 'DL3009',
  severity: 'info',
  description: 'Delete the apt lists (rm -rf /var/lib/apt/lists/*) in the RUN that installs packages.',
  aliases: [],
  check(ctx) {
    // A stage the final image does not build on leaves its lists behind; an ONBUILD trigger runs in whatever image builds on this one.
    const lineage = finalLineage(ctx.model);
    return ctx.model
      .runs()
      .filter((run) => run.instr.onbuild || !run.instr.stage || lineage.has(run.instr.stage))
      .filter((run) => run.analysis.commands.some((c) => isCall(c, APT, ['install', 'update'], APT_VALUE_FLAGS)) && !cleansLists(run))
      .flatMap((run) => {
        if (!hasCacheOrTmpfsMount(run, LISTS_DIR)) return [hitAt(run.instr, 'apt lists are left in the layer: add `&& rm -rf /var/lib/apt/lists/*` to this RUN', run)];
        // The lists are in a cache; with docker-clean gone the downloaded packages need one too (no fix: removing files inside a cache defeats it).
        if (hasCacheOrTmpfsMount(run, ARCHIVES_DIR) || !dockerCleanDisabled(ctx.model, run)) return [];
        return [hitAt(run.instr, 'docker-clean is removed, so apt keeps the downloaded packages in /var/cache/apt: mount a cache there too (`--mount=type=cache,target=/var/cache/apt`)')];
      });
  },
  fix(ctx, hit) {
    const run = hit.data as RunShell | undefined;
    const last = run?.analysis.statements[run.analysis.statements.length - 1];
    if (!run || !run.exact || run.source.kind !== 'shell' || run.source.heredoc || !last || run.analysis.hasError) return undefined;
    // Only a RUN that installs what it updated, and only when no later RUN still reads the lists.
    if (!run.analysis.commands.some((c) => isCall(c, APT, NEEDS_LISTS, APT_VALUE_FLAGS)) || laterRunNeedsLists(ctx.model, run)) return undefined;
    const end = last[last.length - 1].end;
    const at = run.toFile(end);
    return { description: 'added rm -rf /var/lib/apt/lists/*', edits: [{ start: at, end: at, text: ' \\\n    && rm -rf /var/lib/apt/lists/*' }] };
  },
};
