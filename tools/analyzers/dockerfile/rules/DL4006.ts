import { hitAt } from '../rule.js';
import type { Rule, RunShell } from '../rule.js';
import type { Run } from 'dockerfile-ast';

/** `set -o pipefail`, `set -eo pipefail`, `set -euxo pipefail` before the first pipe. */
function scriptSetsPipefail(run: RunShell, before: number): boolean {
  return run.analysis.commands.some((c) => c.name === 'set' && c.start < before && c.args.some((a, i) => a.value === 'pipefail' && /^-[a-z]*o$/.test(c.args[i - 1]?.value ?? '')));
}

/** Shells with `-o pipefail` (`sh` may be dash, which rejects it). */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);

/** `SHELL ["/bin/bash", "-eo", "pipefail", "-c"]` (also via `/usr/bin/env bash`). */
function shellHasPipefail(argv: string[]): boolean {
  const base = (w = '') => w.slice(w.lastIndexOf('/') + 1);
  const at = base(argv[0]) === 'env' ? 1 : 0;
  return PIPEFAIL_SHELLS.has(base(argv[at])) && argv.some((a, i) => i > at && a === 'pipefail' && /^-[a-zA-Z]*o$/.test(argv[i - 1]));
}

export const DL4006: Rule = {
  id: 'DL4006',
  severity: 'warning',
  description: 'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before a RUN with a pipe, or a failing first command goes unnoticed.',
  aliases: [],
  check({ model }) {
    const pipefail = new Map<unknown, boolean>();
    const shellSet = (run: RunShell): boolean => {
      const stage = run.instr.stage;
      if (!stage) return false;
      for (const s of model.lineage(stage)) {
        const shells = s.instructions.filter((i) => i.keyword === 'SHELL' && (s !== stage || i.start < run.instr.start));
        const last = shells[shells.length - 1];
        if (!last) continue;
        const argv = (last.node as Run).getJSONStrings().map((j) => j.getJSONValue());
        return shellHasPipefail(argv) || /pwsh|powershell|cmd/i.test(argv[0] ?? '');
      }
      return false;
    };
    return model
      .runs()
      .filter((run) => run.source.kind === 'shell' && run.analysis.pipelines.some((p) => p.stages.length > 1))
      .filter((run) => {
        if (!pipefail.has(run)) pipefail.set(run, shellSet(run));
        const firstPipe = Math.min(...run.analysis.pipelines.filter((p) => p.stages.length > 1).map((p) => p.start));
        return !pipefail.get(run) && !scriptSetsPipefail(run, firstPipe);
      })
      .map((run) => hitAt(run.instr, 'RUN with a pipe but no pipefail: set SHELL ["/bin/bash", "-o", "pipefail", "-c"] first'));
  },
};
