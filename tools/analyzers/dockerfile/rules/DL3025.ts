import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { parseShell } from '../shell/parser.js';

const SHELL_BUILTINS = new Set(['cd', 'source', '.', 'export', 'set', 'unset', 'eval', 'exec', 'trap', 'ulimit', 'umask', 'wait', 'alias', 'if', 'for', 'while', 'until', 'case', 'true', 'false', ':']);

/** `HEALTHCHECK [--flag=v …] CMD <not a JSON array>`. */
const HEALTHCHECK_SHELL_FORM = /^\s*HEALTHCHECK\s+(?:--\S+\s+)*CMD\s+(?!\[)\S/i;

export const DL3025: Rule = {
  id: 'DL3025',
  severity: 'warning',
  description: 'Use JSON (exec) form for CMD and ENTRYPOINT so the process gets signals as PID 1.',
  aliases: ['JSONArgsRecommended'],
  check({ model, text }) {
    const shellForm = model.all
      .filter((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && i.node.getArguments().length > 0)
      .filter((i) => !(i.node as unknown as { getOpeningBracket(): unknown }).getOpeningBracket())
      .map((i) => hitAt(i, `${i.keyword} in shell form: use the JSON form ${i.keyword} ["executable", "arg"]`));
    // As hadolint: HEALTHCHECK CMD in shell form too (the probe then needs a shell in the image).
    const probes = model.all
      .filter((i) => i.keyword === 'HEALTHCHECK' && HEALTHCHECK_SHELL_FORM.test(text.slice(i.start, i.end).replace(/\\\r?\n/g, ' ')))
      .map((i) => hitAt(i, 'HEALTHCHECK CMD in shell form: use the JSON form HEALTHCHECK CMD ["executable", "arg"]'));
    return [...shellForm, ...probes].sort((a, b) => a.offset - b.offset);
  },
  fix({ model, text }, hit) {
    const instr = hit.instr!;
    if (instr.keyword === 'HEALTHCHECK') return undefined;
    const args = instr.node.getArguments();
    if (args.length === 0) return undefined;
    const start = model.src.offsetAt(args[0].getRange().start);
    const body = text.slice(start, instr.end);
    if (body.includes('\n') || /[*?[\]~{}]/.test(body)) return undefined;
    const shell = parseShell(body);
    const own = shell.commands.filter((c) => !c.wrappedBy);
    const cmd = own[0];
    if (shell.hasError || own.length !== 1 || shell.statements.length !== 1 || shell.pipelines.length || !cmd) return undefined;
    if (cmd.assignments.length || cmd.end !== body.trimEnd().length || cmd.start !== 0) return undefined;
    let words = [cmd.nameWord, ...cmd.args];
    if (cmd.name === 'exec') words = words.slice(1);
    if (!words.length || !words.every((w) => w.literal) || SHELL_BUILTINS.has(words[0].value)) return undefined;
    // Exec-form ENTRYPOINT receives CMD as arguments; shell form ignores it.
    if (instr.keyword === 'ENTRYPOINT' && model.all.some((i) => i.keyword === 'CMD')) return undefined;
    const json = `[${words.map((w) => JSON.stringify(w.value)).join(', ')}]`;
    return { description: `${instr.keyword} shell form -> exec form`, edits: [{ start, end: start + body.trimEnd().length, text: json }] };
  },
};
