import { hitInRun } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';

export const DL4001: Rule = {
  id: 'DL4001',
  severity: 'warning',
  description: 'Use either wget or curl, not both.',
  aliases: ['DS-0014', 'AVD-DS-0014'],
  check({ model }) {
    const hits: RuleHit[] = [];
    // What each stage has used so far; ONBUILD triggers run in a child image, so they count apart.
    const seen = new Map<unknown, Set<string>>();
    for (const run of model.runs()) {
      const tools = run.analysis.commands.filter((c) => c.name === 'wget' || c.name === 'curl').sort((a, b) => a.start - b.start);
      if (!tools.length) continue;
      const key = run.instr.onbuild ? `onbuild:${run.instr.stage?.index}` : run.instr.stage;
      const used = seen.get(key) ?? new Set<string>();
      seen.set(key, used);
      // Every RUN using one of them once both are in the stage: the hit is on the command that completes the pair.
      const second = tools.find((c) => used.add(c.name).size === 2);
      if (second) hits.push(hitInRun(run, second, 'both wget and curl are used in this stage: pick one'));
    }
    return hits;
  },
};
