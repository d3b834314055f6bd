import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, isCall, operands } from '../lib/commands.js';

export const DL3062: Rule = {
  id: 'DL3062',
  severity: 'warning',
  description: 'Pin versions in go install (`go install example.com/cmd@v1.2.3`).',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, 'go', ['install', 'get', 'run'], ['C', 'o', 'ldflags', 'gcflags', 'tags', 'p', 'mod', 'modfile', 'pkgdir', 'exec', 'toolexec', 'overlay', 'pgo']))
      .flatMap(({ run, cmd }) => {
        // `go get -tool name` adds a tool dependency to go.mod: whatever it names is fetched, dotted host or not.
        const tool = cmd.args.some((a) => a.value === '-tool' || a.value === '--tool');
        const remote = operands(cmd, ['C', 'o', 'ldflags', 'gcflags', 'tags', 'p', 'mod', 'modfile']).filter((w) => /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(w.value) || (tool && !/^[./$]/.test(w.value)));
        const loose = remote.filter((w) => !/@[^@/]+$/.test(w.value) || w.value.endsWith('@latest'));
        return loose.length ? [hitInRun(run, loose[0], `go ${cmd.args[0]?.value} without a pinned version: ${loose.map((w) => w.value).join(', ')}`)] : [];
      });
  },
};
