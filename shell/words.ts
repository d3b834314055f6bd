import type { SyntaxNode } from './parser.js';

/** The only variables a command may expand; their values are substituted before any check. */
export const EXPANDABLE_VARIABLES = ['PWD', 'HOME'] as const;

export interface WordEnv {
  /** Value of `$PWD`: the project root the command runs in. */
  PWD: string;
  /** Value of `$HOME` and of a leading `~`. */
  HOME: string;
}

/** A word the runner cannot reproduce exactly as bash would, with the reason. */
export class WordError extends Error {}

/** One character of a word's value, and whether bash would treat it as an active (unquoted, unescaped) character. */
interface Piece {
  text: string;
  /** true: bash applies globbing, brace and tilde expansion to these characters. */
  active: boolean;
}

/** Evaluates one argument node into the exact string bash would pass, or throws a WordError. */
export function wordValue(node: SyntaxNode, env: WordEnv): string {
  const pieces: Piece[] = [];
  collect(node, env, pieces, false);
  return finish(pieces, env);
}

function collect(node: SyntaxNode, env: WordEnv, out: Piece[], inDoubleQuotes: boolean): void {
  switch (node.type) {
    case 'word':
    case 'number':
      unescapeUnquoted(node.text, out);
      return;
    case 'raw_string':
      out.push({ text: node.text.slice(1, -1), active: false });
      return;
    case 'string':
      for (const child of node.children) {
        if (child.type === '"') continue;
        if (child.type === 'string_content') out.push({ text: unescapeDoubleQuoted(child.text), active: false });
        else collect(child, env, out, true);
      }
      return;
    case 'concatenation':
      for (const child of node.children) collect(child, env, out, inDoubleQuotes);
      return;
    case 'simple_expansion':
    case 'expansion': {
      const value = expandVariable(node, env);
      if (!inDoubleQuotes && /[\s*?[\]{}~]/.test(value)) {
        throw new WordError(`unquoted ${node.text} holds spaces or glob characters; put it in double quotes`);
      }
      out.push({ text: value, active: false });
      return;
    }
    case 'command_substitution':
      throw new WordError(`command substitution ${preview(node)} is not allowed`);
    case 'process_substitution':
      throw new WordError(`process substitution ${preview(node)} is not allowed`);
    case 'arithmetic_expansion':
      throw new WordError(`arithmetic expansion ${preview(node)} is not allowed`);
    case 'ansi_c_string':
      throw new WordError(`ANSI-C quoting ${preview(node)} is not allowed; use plain quotes`);
    case 'translated_string':
      throw new WordError(`locale quoting ${preview(node)} is not allowed`);
    case 'brace_expression':
      throw new WordError(`brace expansion ${preview(node)} is not allowed`);
    default:
      throw new WordError(`'${preview(node)}' (${node.type}) is not supported in an argument`);
  }
}

function expandVariable(node: SyntaxNode, env: WordEnv): string {
  const named = node.namedChildren;
  const only = named.length === 1 && named[0]?.type === 'variable_name' ? named[0].text : undefined;
  const exact = node.type === 'simple_expansion' ? `$${only}` : `\${${only}}`;
  if (only === undefined || node.text !== exact || !(EXPANDABLE_VARIABLES as readonly string[]).includes(only)) {
    throw new WordError(`variable expansion ${node.text} is not allowed (only $PWD, \${PWD} and $HOME are)`);
  }
  return env[only as keyof WordEnv];
}

/** Bash removes a backslash before any character outside quotes; backslash-newline disappears. */
function unescapeUnquoted(text: string, out: Piece[]): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      i++;
      if (next === undefined || next === '\n') continue;
      out.push({ text: next, active: false });
    } else {
      out.push({ text: ch, active: true });
    }
  }
}

/** Inside double quotes a backslash escapes only `$`, backquote, `"`, `\` and newline. */
function unescapeDoubleQuoted(text: string): string {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
      if (next !== '\n') value += next;
      i++;
    } else if (ch === '$' || ch === '`') {
      throw new WordError(`'${ch}' inside double quotes is not allowed here`);
    } else {
      value += ch;
    }
  }
  return value;
}

/** Applies the checks that need the whole word: globs, braces, tildes. */
function finish(pieces: Piece[], env: WordEnv): string {
  const chars: Piece[] = [];
  for (const p of pieces) for (const ch of p.text) chars.push({ text: ch, active: p.active });
  const value = chars.map((c) => c.text).join('');
  for (const c of chars) {
    if (c.active && (c.text === '*' || c.text === '?' || c.text === '[')) {
      throw new WordError(`unquoted glob character '${c.text}' in '${value}'; quote it (the runner does no globbing)`);
    }
  }
  if (hasBraceExpansion(chars)) throw new WordError(`brace expansion in '${value}' is not allowed`);
  const tildeAt = chars.findIndex((c) => c.active && c.text === '~');
  if (tildeAt > 0) throw new WordError(`'~' inside '${value}' is not allowed; write $HOME`);
  if (tildeAt === 0) {
    const after = chars[1];
    if (after && after.text !== '/') throw new WordError(`'${value}': only '~' and '~/...' are expanded`);
    return env.HOME + value.slice(1);
  }
  return value;
}

function hasBraceExpansion(chars: Piece[]): boolean {
  for (let i = 0; i < chars.length; i++) {
    if (!(chars[i].active && chars[i].text === '{')) continue;
    let depth = 0;
    for (let j = i; j < chars.length; j++) {
      const c = chars[j];
      if (!c.active) continue;
      if (c.text === '{') depth++;
      else if (c.text === '}') {
        depth--;
        if (depth === 0) break;
      } else if (depth === 1 && (c.text === ',' || (c.text === '.' && chars[j + 1]?.active && chars[j + 1]?.text === '.'))) {
        return true;
      }
    }
  }
  return false;
}

function preview(node: SyntaxNode): string {
  const text = node.text;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
