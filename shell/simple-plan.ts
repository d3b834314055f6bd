/**
 * The plan of a command made only of plain words, quoted words (single quotes; double quotes around nothing that
 * expands or escapes), the operators `|`, `&&`, `||` and `;`, and redirections after a stage's words (`>`, `>>`,
 * `2>`, `2>>`, `&>`, `&>>`, `<` to a plain word; `2>&1`, `>&2`): what planCommand gives for it, without starting the
 * tree-sitter parser (its wasm start is most of a PreToolUse hook's time). Anything else (`$`, a backquote, a backslash
 * or `!` in double quotes, a quote inside a word, expansions, `|&`, `&`, here-documents, other descriptors, a
 * redirection before a word, assignments, globs, `~`, comments, newlines, a reserved word) is left to the parser
 * (undefined). test/claude-hook/simple-plan.test.ts holds it to planCommand on every corpus command and the edge cases.
 */
import { loadBashParser } from './parser.js';
import { DEFAULT_PLAN_LIMITS, planCommand } from './plan.js';
import type { CommandPlan, Connector, OutputTarget, PlanLimits, PlanResult, Redirections, SimpleCommand } from './plan.js';
import type { WordEnv } from './words.js';

/** Words bash reads as they are: no quoting, expansion, globbing, operator or comment character. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=,@%+-]+$/;
/** A first word that is a program name: not an assignment (`=`), a job spec (`%1`) or an option. */
const PLAIN_PROGRAM = /^[A-Za-z0-9_./][A-Za-z0-9_./:,@+-]*$/;
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'function', 'time', 'coproc', 'in']);

type Word = { word: string; quoted: boolean; start: number; end: number };
/** A redirection: `>` `>>` `2>` `2>>` `&>` `&>>` `<` with a plain-word target, or the copies `2>&1` and `>&2`. */
type Redirect = { redirect: string; target?: string; start: number };
type Token = Word | Redirect | { op: '|' | Connector; start: number };

/**
 * The redirection operators taken here, longest first, at the start of a token: the copies end the token; the others
 * are not followed by another redirection character (`>|`, `>>>`, `<<`, `<&`, `<>`, `>(`, `3>` ... are the parser's).
 */
const REDIRECT = /^(?:2>&1|1?>&2)(?=$|[ \t|&;])|^(?:&>>|&>|[12]?>>|[12]?>|<)(?![<>&|(])/;

/** The command's words and operators; undefined at the first thing that is not one of them. */
function tokens(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const next = text[i + 1];
    const redirect = REDIRECT.exec(text.slice(i, i + 6))?.[0];
    if (redirect) {
      i += redirect.length;
      if (redirect.includes('>&')) {
        out.push({ redirect, start: i - redirect.length });
        continue;
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      let end = i;
      while (end < text.length && !/[ \t|&;<>]/.test(text[end])) end++;
      const target = text.slice(i, end);
      if (!PLAIN_WORD.test(target) || (end < text.length && !/[ \t|&;]/.test(text[end]))) return undefined;
      out.push({ redirect, target, start: i });
      i = end;
      continue;
    }
    if (c === '|' || c === '&' || c === ';') {
      let op: '|' | Connector;
      if (c === '|' && next === '|') op = '||';
      else if (c === '&' && next === '&') op = '&&';
      else if (c === '|' && next !== '&') op = '|';
      else if (c === ';' && next !== ';' && next !== '&') op = ';';
      else return undefined; // `|&`, a lone `&`, `;;`, `;&`
      out.push({ op, start: i });
      i += op.length;
      continue;
    }
    let end = i;
    let quoted = false;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      // Printable ASCII only: no newline or control character (the parser refuses those), no offsets to reconcile.
      // Inside double quotes nothing that expands or escapes: `$`, backquote, backslash, and `!` (history) too.
      const content = text.slice(i + 1, close);
      if (close < 0 || !/^[\x20-\x7e]*$/.test(content) || (c === '"' && /[$`\\!]/.test(content))) return undefined;
      end = close + 1;
      quoted = true;
    } else {
      while (end < text.length && !/[ \t|&;]/.test(text[end])) end++;
    }
    // A word ends at a blank, an operator or the end: `a'b'`, `'a'b` and `'a''b'` are left to the parser.
    if (end < text.length && !/[ \t|&;]/.test(text[end])) return undefined;
    const word = quoted ? text.slice(i + 1, end - 1) : text.slice(i, end);
    if (!quoted && !PLAIN_WORD.test(word)) return undefined;
    out.push({ word, quoted, start: i, end });
    i = end;
  }
  return out;
}

export function simplePlan(command: string, limits: PlanLimits = DEFAULT_PLAN_LIMITS): CommandPlan | undefined {
  if (command.length > limits.maxCommandChars) return undefined;
  const toks = tokens(command);
  if (!toks || toks.length === 0) return undefined;
  const plan: CommandPlan = { steps: [] };
  let connector: Connector | null = null;
  let stages: SimpleCommand[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  const endStage = (): boolean => {
    const first = words[0];
    if (!first || first.quoted || !PLAIN_PROGRAM.test(first.word) || RESERVED.has(first.word)) return false;
    const redirections = redirectionsOf(redirects);
    if (!redirections) return false;
    const text = command.slice(first.start, words[words.length - 1].end);
    stages.push({ argv: words.map((w) => w.word), assignments: [], redirections, text });
    words = [];
    redirects = [];
    return true;
  };
  for (const tok of toks) {
    if ('word' in tok) {
      // Redirections only after the stage's words: one before a word (`a > f b`) is the parser's.
      if (redirects.length > 0) return undefined;
      words.push(tok);
      continue;
    }
    if ('redirect' in tok) {
      redirects.push(tok);
      continue;
    }
    if (!endStage()) return undefined; // an operator with no command before it
    if (tok.op === '|') continue;
    plan.steps.push({ connector, pipeline: { stages, pipeStderr: stages.slice(1).map(() => false) } });
    stages = [];
    connector = tok.op;
  }
  if (!endStage()) return undefined; // a trailing operator (`a |`, `a &&`, `a;`): the parser's call
  plan.steps.push({ connector, pipeline: { stages, pipeStderr: stages.slice(1).map(() => false) } });
  const count = plan.steps.reduce((n, s) => n + s.pipeline.stages.length, 0);
  return count > limits.maxSubcommands ? undefined : plan;
}

/** The redirections applied left to right, as plan.ts's applyRedirects does; undefined for two inputs (the parser refuses). */
function redirectionsOf(redirects: Redirect[]): Redirections | undefined {
  const r: Redirections = { stdout: { kind: 'inherit' }, stderr: { kind: 'inherit' } };
  for (const { redirect, target } of redirects) {
    if (redirect === '2>&1') r.stderr = r.stdout;
    else if (redirect.endsWith('>&2')) r.stdout = r.stderr;
    else if (redirect === '<') {
      if (r.stdin) return undefined;
      r.stdin = { kind: 'file', path: target as string };
    } else {
      const append = redirect.endsWith('>>');
      const out: OutputTarget = target === '/dev/null' ? { kind: 'null' } : { kind: 'file', path: target as string, append };
      if (redirect.startsWith('&')) r.stdout = r.stderr = out;
      else if (redirect.startsWith('2')) r.stderr = out;
      else r.stdout = out;
    }
  }
  return r;
}

/** simplePlan when it applies, else the parser's plan. */
export async function planBashCommand(command: string, env: WordEnv, limits?: PlanLimits): Promise<PlanResult> {
  const simple = simplePlan(command, limits);
  if (simple) return { ok: true, plan: simple };
  return planCommand(await loadBashParser(), command, env, limits);
}
