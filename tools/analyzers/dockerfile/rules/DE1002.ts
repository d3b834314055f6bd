import { hitInRun } from '../rule.js';
import type { Rule, RuleHit, ShellCommand } from '../rule.js';

const FETCHERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'python', 'python3', 'perl', 'ruby', 'node', 'php', 'source', '.', 'eval']);

function isInterpreter(cmd: ShellCommand): boolean {
  return INTERPRETERS.has(cmd.name) || /^python\d/.test(cmd.name);
}

export const DE1002: Rule = {
  id: 'DE1002',
  severity: 'warning',
  description: 'A downloaded script is piped straight into a shell (`curl ... | sh`) with no checksum or signature check.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const run of model.runs()) {
      const cmds = run.analysis.commands;
      for (const p of run.analysis.pipelines) {
        const stages = p.stages.map((i) => cmds[i]);
        const fetch = stages.findIndex((c) => FETCHERS.has(c.name));
        if (fetch < 0) continue;
        // A stage runs the interpreter itself or through a wrapper (`sudo bash`).
        const shell = stages.slice(fetch + 1).find((s) => isInterpreter(s) || cmds.some((c) => c.wrappedBy && c.start >= s.start && c.end <= s.end && isInterpreter(c)));
        if (shell) hits.push(hitInRun(run, stages[fetch], `${stages[fetch].name} output piped into ${shell.name}: download, verify a checksum, then run it`));
      }
      for (const c of cmds) {
        if (c.substitutionOf === undefined || !FETCHERS.has(c.name)) continue;
        const owner = cmds[c.substitutionOf];
        if (owner && isInterpreter(owner)) hits.push(hitInRun(run, owner, `${owner.name} runs the output of ${c.name}: download, verify a checksum, then run it`));
      }
    }
    return hits;
  },
};
