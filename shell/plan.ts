import type { SyntaxNode, TsParser } from './parser.js';
import { withSyntaxTree } from './parser.js';
import { WordError, wordValue } from './words.js';
import type { WordEnv } from './words.js';

import { MAX_COMMAND_CHARS, MAX_SUBCOMMANDS, type PlanLimits } from './limits.js';

export { MAX_COMMAND_CHARS, MAX_SUBCOMMANDS, type PlanLimits } from './limits.js';

export const DEFAULT_PLAN_LIMITS: PlanLimits = { maxCommandChars: MAX_COMMAND_CHARS, maxSubcommands: MAX_SUBCOMMANDS };

/** Where an output descriptor goes. */
export type OutputTarget = { kind: 'inherit' } | { kind: 'null' } | { kind: 'file'; path: string; append: boolean };

export interface Redirections {
  /** fd 0: a file to read, a here-document / here-string text, or nothing. */
  stdin?: { kind: 'file'; path: string } | { kind: 'text'; text: string };
  /** fd 1 and fd 2 after applying the redirections left to right (`2>&1` copies fd 1's target). */
  stdout: OutputTarget;
  stderr: OutputTarget;
}

export interface Assignment {
  name: string;
  value: string;
}

/** One program with its exact argv, as bash would run it. */
export interface SimpleCommand {
  argv: string[];
  /** `NAME=value` prefixes, in order. */
  assignments: Assignment[];
  redirections: Redirections;
  /** The source text of this command, for messages. */
  text: string;
}

export interface Pipeline {
  stages: SimpleCommand[];
  /** For each `|` between stage i and i+1: true for `|&` (stderr goes down the pipe too). */
  pipeStderr: boolean[];
}

export type Connector = ';' | '&&' | '||';

/** A whole Bash call: pipelines joined by `;`, `&&`, `||`, run left to right with bash's short-circuit rules. */
export interface CommandPlan {
  steps: { connector: Connector | null; pipeline: Pipeline }[];
}

export type PlanResult = { ok: true; plan: CommandPlan } | { ok: false; reason: string };

class PlanError extends Error {}

/** Turns a command into a plan the runner can execute without a shell, or says why it cannot. */
export function planCommand(parser: TsParser, source: string, env: WordEnv, limits: PlanLimits = DEFAULT_PLAN_LIMITS): PlanResult {
  if (source.length > limits.maxCommandChars) {
    return { ok: false, reason: `the command is ${source.length} characters long; the limit is ${limits.maxCommandChars} (split it up)` };
  }
  const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(source);
  if (control) {
    return { ok: false, reason: `the command holds a control character (code ${control[0].charCodeAt(0)}); only newline and tab are allowed` };
  }
  if (source.trim() === '') return { ok: false, reason: 'the command is empty' };
  try {
    const plan = withSyntaxTree(parser, source, (root) => {
      if (root.hasError) throw new PlanError('bash could parse this differently than we do (syntax error); simplify the command');
      checkCoverage(root, source);
      return new Planner(env, source).program(root);
    });
    const count = plan.steps.reduce((n, s) => n + s.pipeline.stages.length, 0);
    if (count > limits.maxSubcommands) {
      return { ok: false, reason: `the command has ${count} subcommands; the limit is ${limits.maxSubcommands} (split it up)` };
    }
    return { ok: true, plan };
  } catch (err) {
    if (err instanceof PlanError || err instanceof WordError) return { ok: false, reason: err.message };
    throw err;
  }
}

/** Every character must belong to a token the tree accounts for: the grammar sometimes drops a word (`-f - <<EOF`). */
function checkCoverage(root: SyntaxNode, source: string): void {
  const covered = new Uint8Array(source.length);
  const mark = (n: SyntaxNode): void => {
    if (n.childCount === 0 || n.type === 'heredoc_body' || n.type === 'comment') {
      covered.fill(1, n.startIndex, n.endIndex);
      return;
    }
    for (const c of n.children) mark(c);
  };
  mark(root);
  for (let i = 0; i < source.length; i++) {
    if (covered[i]) continue;
    const ch = source[i];
    if (ch === ' ' || ch === '\t' || ch === '\n') continue;
    if (ch === '\\' && source[i + 1] === '\n') {
      i++;
      continue;
    }
    throw new PlanError(`the parser skipped '${source.slice(i, i + 20)}' at character ${i + 1}; write the command another way`);
  }
}

class Planner {
  private readonly steps: CommandPlan['steps'] = [];

  constructor(
    private readonly env: WordEnv,
    private readonly source: string,
  ) {}

  program(root: SyntaxNode): CommandPlan {
    let pending: Connector | null = null;
    for (const child of root.children) {
      if (child.type === 'comment') continue;
      if (child.type === ';' || child.type === '\n') {
        pending = ';';
        continue;
      }
      if (child.type === '&') throw new PlanError('background commands (`&`) are not allowed');
      this.statement(child, this.steps.length === 0 ? null : (pending ?? ';'));
      pending = null;
    }
    if (this.steps.length === 0) throw new PlanError('the command holds nothing to run');
    return { steps: this.steps };
  }

  private statement(node: SyntaxNode, connector: Connector | null): void {
    switch (node.type) {
      case 'list': {
        const [left, op, right] = node.children;
        if (node.childCount !== 3 || (op.type !== '&&' && op.type !== '||')) throw new PlanError(`unsupported list '${node.text}'`);
        this.statement(left, connector);
        this.statement(right, op.type);
        return;
      }
      case 'pipeline':
        this.steps.push({ connector, pipeline: this.pipeline(node, []) });
        return;
      case 'command':
        this.steps.push({ connector, pipeline: { stages: [this.command(node, [])], pipeStderr: [] } });
        return;
      case 'redirected_statement':
        this.redirected(node, connector);
        return;
      default:
        throw new PlanError(describeUnsupported(node));
    }
  }

  /** Bash binds trailing redirections to the last simple command; tree-sitter hangs them on the whole list or pipeline. */
  private redirected(node: SyntaxNode, connector: Connector | null): void {
    const body = node.childForFieldName('body');
    const redirects = node.children.filter((c) => c.id !== body?.id);
    if (!body) {
      throw new PlanError(`a redirection without a command ('${node.text}') is not allowed`);
    }
    if (body.type === 'command') {
      this.steps.push({ connector, pipeline: { stages: [this.command(body, redirects)], pipeStderr: [] } });
    } else if (body.type === 'pipeline') {
      this.steps.push({ connector, pipeline: this.pipeline(body, redirects) });
    } else if (body.type === 'list') {
      const before = this.steps.length;
      this.statement(body, connector);
      const last = this.steps[this.steps.length - 1];
      if (this.steps.length === before || !last) throw new PlanError(`unsupported redirection on '${body.text}'`);
      const stage = last.pipeline.stages[last.pipeline.stages.length - 1];
      applyRedirects(stage.redirections, redirects, this.env);
    } else {
      throw new PlanError(describeUnsupported(body));
    }
  }

  private pipeline(node: SyntaxNode, trailing: SyntaxNode[]): Pipeline {
    const stages: SimpleCommand[] = [];
    const pipeStderr: boolean[] = [];
    const parts = node.children;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part.type === '|' || part.type === '|&') {
        pipeStderr.push(part.type === '|&');
        continue;
      }
      const isLast = i === parts.length - 1;
      if (part.type === 'command') stages.push(this.command(part, isLast ? trailing : []));
      else if (part.type === 'redirected_statement' && part.childForFieldName('body')?.type === 'command') {
        const body = part.childForFieldName('body') as SyntaxNode;
        const own = part.children.filter((c) => c.id !== body.id);
        stages.push(this.command(body, isLast ? [...own, ...trailing] : own));
      } else throw new PlanError(describeUnsupported(part));
    }
    if (stages.length !== pipeStderr.length + 1) throw new PlanError(`unsupported pipeline '${node.text}'`);
    return { stages, pipeStderr };
  }

  private command(node: SyntaxNode, trailing: SyntaxNode[]): SimpleCommand {
    const assignments: Assignment[] = [];
    const argv: string[] = [];
    const redirectNodes: SyntaxNode[] = [];
    for (const child of node.children) {
      switch (child.type) {
        case 'variable_assignment':
          assignments.push(this.assignment(child));
          break;
        case 'command_name': {
          const inner = child.namedChildren;
          if (inner.length !== 1) throw new PlanError(`unsupported command name '${child.text}'`);
          argv.push(wordValue(inner[0], this.env));
          break;
        }
        case 'file_redirect':
        case 'heredoc_redirect':
        case 'herestring_redirect':
          redirectNodes.push(child);
          break;
        case 'comment':
          break;
        default:
          if (!child.isNamed) throw new PlanError(`unexpected '${child.text}' in '${node.text}'`);
          argv.push(wordValue(child, this.env));
      }
    }
    if (argv.length === 0) throw new PlanError(`'${node.text}': a bare variable assignment is not allowed`);
    const redirections: Redirections = { stdout: { kind: 'inherit' }, stderr: { kind: 'inherit' } };
    applyRedirects(redirections, [...redirectNodes, ...trailing], this.env);
    return { argv, assignments, redirections, text: this.source.slice(node.startIndex, node.endIndex) };
  }

  private assignment(node: SyntaxNode): Assignment {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (!name || name.type !== 'variable_name') throw new PlanError(`unsupported assignment '${node.text}'`);
    if (node.children.some((c) => c.type === '+=')) throw new PlanError(`'+=' assignments are not allowed ('${node.text}')`);
    return { name: name.text, value: value ? wordValue(value, this.env) : '' };
  }
}

function applyRedirects(r: Redirections, nodes: SyntaxNode[], env: WordEnv): void {
  for (const node of nodes) {
    if (node.type === 'heredoc_redirect') {
      setStdin(r, { kind: 'text', text: heredocText(node) }, node);
      continue;
    }
    if (node.type === 'herestring_redirect') {
      const word = node.namedChildren;
      if (word.length !== 1) throw new PlanError(`unsupported here-string '${node.text}'`);
      setStdin(r, { kind: 'text', text: `${wordValue(word[0], env)}\n` }, node);
      continue;
    }
    if (node.type !== 'file_redirect') throw new PlanError(`unsupported redirection '${node.text}'`);
    const fdNode = node.childForFieldName('descriptor');
    const op = node.children.find((c) => !c.isNamed);
    const dest = node.childrenForFieldName('destination');
    if (!op || dest.length !== 1) throw new PlanError(`unsupported redirection '${node.text}'`);
    const target = wordValue(dest[0], env);
    const fd = fdNode ? Number(fdNode.text) : undefined;
    switch (op.type) {
      case '>':
      case '>|':
      case '>>': {
        const out: OutputTarget = target === '/dev/null' ? { kind: 'null' } : { kind: 'file', path: target, append: op.type === '>>' };
        if (fd === undefined || fd === 1) r.stdout = out;
        else if (fd === 2) r.stderr = out;
        else throw new PlanError(`redirection of descriptor ${fd} is not allowed ('${node.text}')`);
        break;
      }
      case '&>':
      case '&>>': {
        if (fd !== undefined) throw new PlanError(`unsupported redirection '${node.text}'`);
        const out: OutputTarget = target === '/dev/null' ? { kind: 'null' } : { kind: 'file', path: target, append: op.type === '&>>' };
        r.stdout = out;
        r.stderr = out;
        break;
      }
      case '<':
        if (fd !== undefined && fd !== 0) throw new PlanError(`unsupported redirection '${node.text}'`);
        setStdin(r, { kind: 'file', path: target }, node);
        break;
      case '>&':
        if (target === '1' && fd === 2) r.stderr = r.stdout;
        else if (target === '2' && (fd === undefined || fd === 1)) r.stdout = r.stderr;
        else throw new PlanError(`only 2>&1 and >&2 descriptor copies are allowed ('${node.text}')`);
        break;
      default:
        throw new PlanError(`the redirection '${op.type}' is not allowed ('${node.text}')`);
    }
  }
}

function setStdin(r: Redirections, stdin: NonNullable<Redirections['stdin']>, node: SyntaxNode): void {
  if (r.stdin) throw new PlanError(`two inputs for one command ('${node.text}')`);
  r.stdin = stdin;
}

/** A here-document is passed as literal text: a quoted delimiter, or an unquoted one whose body has nothing to expand. */
function heredocText(node: SyntaxNode): string {
  const start = node.children.find((c) => c.type === 'heredoc_start');
  const body = node.children.find((c) => c.type === 'heredoc_body');
  const op = node.children.find((c) => c.type === '<<' || c.type === '<<-');
  if (!start || !op) throw new PlanError(`unsupported here-document '${node.text.slice(0, 40)}'`);
  if (node.children.some((c) => c.isNamed && !['heredoc_start', 'heredoc_body', 'heredoc_end'].includes(c.type))) {
    throw new PlanError('a here-document must be the last thing on its line');
  }
  let text = body?.text ?? '';
  const quoted = /^(['"]).*\1$/s.test(start.text) || start.text.startsWith('\\');
  if (!quoted && (body?.namedChildren.some((c) => c.type !== 'heredoc_content') || /[$`\\]/.test(text))) {
    throw new PlanError("a here-document with $, backquotes or backslashes needs a quoted delimiter (<<'EOF')");
  }
  if (op.type === '<<-') text = text.replace(/^\t+/gm, '');
  return text;
}

function describeUnsupported(node: SyntaxNode): string {
  const text = node.text.length > 60 ? `${node.text.slice(0, 57)}...` : node.text;
  const what: Record<string, string> = {
    subshell: 'subshells',
    compound_statement: 'command groups { ... }',
    function_definition: 'function definitions',
    if_statement: 'if statements',
    while_statement: 'loops',
    for_statement: 'loops',
    c_style_for_statement: 'loops',
    case_statement: 'case statements',
    negated_command: 'negation (!)',
    declaration_command: 'declare/export/local',
    unset_command: 'unset',
    test_command: 'test expressions [[ ]]',
    variable_assignment: 'bare variable assignments',
  };
  return `${what[node.type] ?? `'${node.type}'`} are not allowed ('${text}')`;
}
