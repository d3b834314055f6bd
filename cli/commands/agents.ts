import { loadAgents, type LoadResult, type LoadedAgent } from '../../agent/definition/index.js';
import type { CliIO } from '../io.js';
import { parseCommandArgs, wholeNumber } from '../args.js';

const HELP = `Usage: docker-expert agents [--cwd DIR] [--agents-dir DIR] [--json]

Lists the agent definitions found (--agents-dir, then <cwd>/.claude/agents, then the package's own),
with their model, tools and handoff targets, and the files that failed to load and why.
Exit 0 when every file loaded, 2 when any failed (the good ones are still listed).
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    options: {
      cwd: { type: 'string' },
      'agents-dir': { type: 'string' },
      json: { type: 'boolean' },
      'max-definition-bytes': { type: 'string' },
    },
  }, HELP, io);
  if (!parsed) return 0;
  const { values } = parsed;
  const maxBytes = wholeNumber('--max-definition-bytes', values['max-definition-bytes'], 1, Number.MAX_SAFE_INTEGER);
  const loaded = await loadAgents({ cwd: values.cwd ?? io.cwd, agentsDir: values['agents-dir'], maxBytes });
  io.stdout.write(values.json ? JSON.stringify(toJson(loaded), null, 2) + '\n' : toText(loaded));
  if (!values.json) for (const e of loaded.errors) io.stderr.write(`error: ${e.message}\n`);
  return loaded.errors.length > 0 ? 2 : 0;
}

function summary(description: string): string {
  const first = description.split('\n')[0].trim();
  return first.length > 100 ? first.slice(0, 99) + '…' : first;
}

function agentJson(a: LoadedAgent) {
  return {
    name: a.name,
    description: summary(a.description),
    model: a.model ?? 'inherit',
    tools: a.tools ? a.tools.map((t) => t.raw) : ['*'],
    disallowedTools: a.disallowedTools.map((t) => t.raw),
    handoffTargets: a.routing.handsOffTo,
    source: a.file,
    level: a.level,
    warnings: a.warnings,
  };
}

function toJson(r: LoadResult) {
  return {
    agents: r.agents.map(agentJson),
    errors: r.errors.map((e) => ({ file: e.file, line: e.line, message: e.detail })),
    duplicates: r.duplicates,
    shadowed: r.shadowed,
  };
}

function toText(r: LoadResult): string {
  const out: string[] = [];
  for (const a of r.agents) {
    const j = agentJson(a);
    out.push(`${j.name}  (${j.model}, ${j.level})`, `  ${j.description}`, `  tools: ${j.tools.join(', ')}`);
    if (j.handoffTargets.length) out.push(`  hands off to: ${j.handoffTargets.join(', ')}`);
    out.push(`  source: ${j.source}`);
    for (const w of j.warnings) out.push(`  warning: ${w}`);
    out.push('');
  }
  for (const d of r.duplicates) out.push(`duplicate name '${d.name}' in ${d.level}: ${d.files.join(', ')} (the first is used)`);
  for (const s of r.shadowed) out.push(`'${s.name}' in ${s.file} is hidden by ${s.by}`);
  if (r.agents.length === 0) out.push('no agent definitions found');
  return out.join('\n') + '\n';
}
