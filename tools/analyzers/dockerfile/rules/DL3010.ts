import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';
import { ARCHIVE, copyArgs } from '../lib/copy.js';
import { flagNames } from '../lib/commands.js';
import type { ShellCommand } from '../rule.js';

const UNPACKERS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);

/** The last part of a Linux or Windows path, unquoted. */
const basename = (p: string) => p.replace(/^(["'])(.*)\1$/, '$2').split(/[/\\]/).pop()!;

function extracts(c: ShellCommand): boolean {
  if (UNPACKERS.has(c.name)) return true;
  return c.name === 'tar' && (flagNames(c).some((f) => f === 'extract' || f === 'get' || f === 'x') || /^x/.test(c.args[0]?.value ?? ''));
}

export const DL3010: Rule = {
  id: 'DL3010',
  severity: 'info',
  description: 'A local archive copied and then extracted with tar: ADD extracts it in one step.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    const runs = model.runs();
    for (const instr of model.instructions.filter((i) => i.keyword === 'COPY')) {
      const { sources, dest, from, heredoc } = copyArgs(instr);
      if (from || heredoc) continue;
      // The archive's name where the RUN finds it: the destination's, when the COPY names the file, else the source's.
      const names = dest !== undefined && ARCHIVE.test(dest) ? [basename(dest)] : sources.filter((s) => ARCHIVE.test(s) && !s.includes('*')).map(basename);
      for (const base of names) {
        const extracted = runs.some(
          (r) => r.instr.stage === instr.stage && r.instr.start > instr.start && r.analysis.commands.some((c) => extracts(c) && c.args.some((a) => basename(a.value) === base)),
        );
        if (extracted) hits.push(hitAt(instr, `${base} is copied then extracted: ADD extracts a local archive directly`));
      }
    }
    return hits;
  },
};
