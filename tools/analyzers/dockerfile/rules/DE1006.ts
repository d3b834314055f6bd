import { hitInRun } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';
import { hasCacheMount } from '../lib/packages.js';
import { CACHE_DIRS } from '../lib/installers.js';

/**
 * Only for Dockerfiles that already use BuildKit features (a `# syntax=` directive or a RUN --mount):
 * elsewhere the advice would conflict with the no-cache flags hadolint's rules ask for.
 */
export const DE1006: Rule = {
  id: 'DE1006',
  severity: 'style',
  description: 'Package downloads are not cached between builds: use RUN --mount=type=cache for the package manager.',
  aliases: [],
  check({ model }) {
    const runs = model.runs();
    const buildkit = model.doc.getDirectives().some((d) => d.getName().toLowerCase() === 'syntax') || runs.some((r) => (r.instr.node as unknown as { getFlags(): { getName(): string }[] }).getFlags().some((f) => f.getName() === 'mount'));
    if (!buildkit) return [];
    const hits: RuleHit[] = [];
    for (const run of runs) {
      for (const [targetRe, matches, dir] of CACHE_DIRS) {
        const cmd = run.analysis.commands.find(matches);
        if (cmd && !hasCacheMount(run, targetRe)) {
          hits.push(hitInRun(run, cmd, `${cmd.name} downloads are not cached: add --mount=type=cache,target=${dir}`));
          break;
        }
      }
    }
    return hits;
  },
};
