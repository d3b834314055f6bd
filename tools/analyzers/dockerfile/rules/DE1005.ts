import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';
import { copyArgs } from '../lib/copy.js';
import { dependencyInstall } from '../lib/installers.js';

export const DE1005: Rule = {
  id: 'DE1005',
  severity: 'info',
  description: 'The whole build context is copied before dependencies are installed: every source change re-runs the install.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    const runs = model.runs();
    for (const stage of model.stages) {
      let copiedAll: (typeof stage.instructions)[number] | undefined;
      let copiedManifest = false;
      for (const instr of stage.instructions) {
        if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && !copyArgs(instr).from) {
          const { sources } = copyArgs(instr);
          if (sources.some((s) => s === '.' || s === './' || s === '*')) copiedAll ??= instr;
          else copiedManifest = true;
        }
        if (instr.keyword !== 'RUN' || !copiedAll || copiedManifest) continue;
        const run = runs.find((r) => r.instr === instr);
        const install = run?.analysis.commands.map(dependencyInstall).find(Boolean);
        if (install) {
          hits.push(hitAt(copiedAll, `the whole context is copied before \`${install}\`: copy the dependency manifest first, install, then copy the sources`));
          break;
        }
      }
    }
    return hits;
  },
};
