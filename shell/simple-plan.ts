/**
 * The plan of a command made only of plain words: what planCommand gives for it, without starting the tree-sitter
 * parser (its wasm start is most of a PreToolUse hook's time). Anything with quotes, expansions, operators,
 * redirections, assignments, globs, `~` or a reserved word is left to the parser (undefined).
 */
import { loadBashParser } from './parser.js';
import { DEFAULT_PLAN_LIMITS, planCommand } from './plan.js';
import type { CommandPlan, PlanLimits, PlanResult } from './plan.js';
import type { WordEnv } from './words.js';

/** Words bash reads as they are: no quoting, expansion, globbing, operator or comment character. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=,@%+-]+$/;
/** A first word that is a program name: not an assignment (`=`), a job spec (`%1`) or an option. */
const PLAIN_PROGRAM = /^[A-Za-z0-9_./][A-Za-z0-9_./:,@+-]*$/;
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'function', 'time', 'coproc', 'in']);

export function simplePlan(command: string, limits: PlanLimits = DEFAULT_PLAN_LIMITS): CommandPlan | undefined {
  if (command.length > limits.maxCommandChars) return undefined;
  const text = command.replace(/^[ \t]+|[ \t]+$/g, '');
  const argv = text.split(/[ \t]+/);
  if (text === '' || !PLAIN_PROGRAM.test(argv[0]) || RESERVED.has(argv[0]) || !argv.every((w) => PLAIN_WORD.test(w))) return undefined;
  return { steps: [{ connector: null, pipeline: { stages: [{ argv, assignments: [], redirections: { stdout: { kind: 'inherit' }, stderr: { kind: 'inherit' } }, text }], pipeStderr: [] } }] };
}

/** simplePlan when it applies, else the parser's plan. */
export async function planBashCommand(command: string, env: WordEnv, limits?: PlanLimits): Promise<PlanResult> {
  const simple = simplePlan(command, limits);
  if (simple) return { ok: true, plan: simple };
  return planCommand(await loadBashParser(), command, env, limits);
}
