import path from 'node:path';
import { hitInRun } from '../rule.js';
import type { Instr, Rule, RuleContext, RunShell } from '../rule.js';
import { allCommands } from '../lib/commands.js';

/** The last literal absolute WORKDIR in effect before an instruction, within its stage lineage. */
function workdirBefore(ctx: RuleContext, instr: Instr): string | undefined {
  if (!instr.stage) return undefined;
  for (const stage of ctx.model.lineage(instr.stage)) {
    const dirs = stage.instructions.filter((i) => i.keyword === 'WORKDIR' && (stage !== instr.stage || i.start < instr.start));
    const last = dirs[dirs.length - 1];
    if (!last) continue;
    const dir = last.node.getArgumentsContent()?.trim() ?? '';
    return dir.startsWith('/') && !/[$"'\\\s]/.test(dir) ? dir : undefined;
  }
  return undefined;
}

export const DL3003: Rule = {
  id: 'DL3003',
  severity: 'warning',
  description: 'Use WORKDIR to switch to a directory instead of `cd` in RUN.',
  aliases: ['DS-0013', 'AVD-DS-0013'],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => cmd.name === 'cd' && !cmd.wrappedBy && cmd.substitutionOf === undefined)
      .map(({ run, cmd, index }) => hitInRun(run, cmd, 'cd in RUN: use WORKDIR to change directory', { run, index }));
  },
  fix(ctx, hit) {
    const { run, index } = hit.data as { run: RunShell; index: number };
    const a = run.analysis;
    const chain = a.statements.length === 1 ? a.statements[0] : undefined;
    if (!run.exact || run.source.kind !== 'shell' || run.source.heredoc || a.hasError || run.instr.onbuild) return undefined;
    if (!chain || chain.length < 2 || chain[0].command !== index || chain[1].op !== '&&') return undefined;
    const cd = a.commands[index];
    const dir = cd.args.length === 1 && cd.args[0].literal ? cd.args[0].value : undefined;
    if (!dir || /[*?[\]{}~$\s"'\\]/.test(dir) || dir.startsWith('-')) return undefined;
    const previous = workdirBefore(ctx, run.instr);
    if (!previous) return undefined;
    const target = path.posix.resolve(previous, dir);
    const instr = run.instr;
    const indent = ctx.text.slice(instr.start - (instr.column - 1), instr.start);
    if (indent.trim() !== '') return undefined;
    const keyword = instr.node.getInstruction() === 'run' ? 'workdir' : 'WORKDIR';
    return {
      description: `cd ${dir} -> WORKDIR ${target}`,
      edits: [
        { start: instr.start, end: instr.start, text: `${keyword} ${target}\n${indent}` },
        { start: run.toFile(chain[0].start), end: run.toFile(chain[1].start), text: '' },
        { start: instr.end, end: instr.end, text: `\n${indent}${keyword} ${previous}` },
      ],
    };
  },
};
