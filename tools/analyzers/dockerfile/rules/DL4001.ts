import { hitInRun } from '../rule.js';
import type { Rule, RuleHit, RunShell, ShellCommand } from '../rule.js';

export const DL4001: Rule = {
  id: 'DL4001',
  severity: 'warning',
  description: 'Use either wget or curl, not both.',
  aliases: ['DS-0014', 'AVD-DS-0014'],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const firstOf: Record<string, { run: RunShell; cmd: ShellCommand } | undefined> = {};
      for (const run of model.runs().filter((r) => r.instr.stage === stage)) {
        for (const cmd of run.analysis.commands) if ((cmd.name === 'wget' || cmd.name === 'curl') && !firstOf[cmd.name]) firstOf[cmd.name] = { run, cmd };
      }
      const { wget, curl } = firstOf;
      if (wget && curl) {
        const later = wget.run.instr.start > curl.run.instr.start || (wget.run === curl.run && wget.cmd.start > curl.cmd.start) ? wget : curl;
        hits.push(hitInRun(later.run, later.cmd, 'both wget and curl are used in this stage: pick one'));
      }
    }
    return hits;
  },
};
