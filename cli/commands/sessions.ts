/** `docker-expert sessions [--cwd DIR] [--sessions-dir DIR] [--json]`: the saved sessions, newest first. */
import path from 'node:path';
import { listSessions } from '../../agent/session/list.js';
import { sessionsDirFor } from '../../agent/session/start-session.js';
import type { CliIO } from '../io.js';
import { fitLine } from '../fit-line.js';
import { parseCommandArgs } from '../args.js';

/** Longest task shown in the table (the JSON output has it whole). */
const MAX_TASK_CHARS = 60;

const HELP = `Usage: docker-expert sessions [options]

Lists the saved sessions (id, agent, task, status, cost, updated), newest first.
Continue one with: docker-expert run --resume ID, or /resume ID in chat.

Options:
  --cwd DIR            the project whose sessions to list (default: current directory)
  --sessions-dir DIR   where the sessions are (default: <cwd>/.docker-expert/sessions)
  --json               one JSON array instead of a table
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    options: { cwd: { type: 'string' }, 'sessions-dir': { type: 'string' }, json: { type: 'boolean' } },
  }, HELP, io);
  if (!parsed) return 0;
  const v = parsed.values;
  const cwd = path.resolve(io.cwd, v.cwd ?? '.');
  // A relative --sessions-dir is taken from --cwd, as `run` and `chat` take it.
  const dir = sessionsDirFor(cwd, v['sessions-dir']);
  const { sessions, notices } = listSessions(dir);
  for (const n of notices) io.stderr.write(`docker-expert sessions: ${n}\n`);
  if (v.json) {
    io.stdout.write(`${JSON.stringify(sessions, null, 2)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    io.stderr.write(`docker-expert sessions: no sessions in ${dir}\n`);
    return 0;
  }
  const rows = sessions.map((s) => [s.id, s.agent, clip(s.task), s.status, `$${s.cost_usd.toFixed(4)}`, s.updated.replace('T', ' ').slice(0, 19)]);
  const header = ['ID', 'AGENT', 'TASK', 'STATUS', 'COST', 'UPDATED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) io.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}\n`);
  return 0;
}

function clip(task: string): string {
  return fitLine(task, MAX_TASK_CHARS);
}
