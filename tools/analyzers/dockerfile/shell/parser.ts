import { createRequire } from 'node:module';
import type { Node, Parser as TSParser } from 'web-tree-sitter';
import type { ChainItem, ShellAnalysis, ShellAssignment, ShellCommand, ShellWord } from './types.js';

/** Scripts longer than this are not parsed (their shell rules are skipped). */
export const MAX_SHELL_SCRIPT_CHARS = 64 * 1024;
/** Parsed scripts kept for reuse: RUN bodies repeat a lot across Dockerfiles. */
export const SHELL_CACHE_ENTRIES = 2000;

let parser: TSParser | undefined;
let loading: Promise<void> | undefined;

/** Loads the tree-sitter runtime and the bash grammar once; later calls return at once. */
export function loadShellParser(): Promise<void> {
  loading ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const bash = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  return loading;
}

/** Empties the parsed-script cache (benchmarks measure cold parsing with it). */
export function clearShellCache(): void {
  cache.clear();
}

export function shellParserReady(): boolean {
  return parser !== undefined;
}

const cache = new Map<string, ShellAnalysis>();

export interface ParseShellOptions {
  maxChars?: number;
}

/** Parses a POSIX shell script into plain data (the tree is freed). Call `loadShellParser` first. */
export function parseShell(script: string, opts: ParseShellOptions = {}): ShellAnalysis {
  const maxChars = opts.maxChars ?? MAX_SHELL_SCRIPT_CHARS;
  if (script.length > maxChars) return emptyAnalysis(`script longer than ${maxChars} characters`);
  const useCache = opts.maxChars === undefined;
  const hit = useCache ? cache.get(script) : undefined;
  if (hit) {
    cache.delete(script);
    cache.set(script, hit);
    return hit;
  }
  if (!parser) throw new Error('shell parser not loaded: await loadShellParser() first');
  const tree = parser.parse(script);
  if (!tree) return emptyAnalysis('shell parser gave no tree');
  let analysis: ShellAnalysis;
  try {
    analysis = new Collector().run(tree.rootNode);
  } finally {
    tree.delete();
  }
  if (useCache) {
    cache.set(script, analysis);
    if (cache.size > SHELL_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  return analysis;
}

export function emptyAnalysis(skipped?: string): ShellAnalysis {
  return { commands: [], pipelines: [], statements: [], assignments: [], hasError: false, skipped };
}

const WRAPPERS: Record<string, { valueFlags: string[] }> = {
  sudo: { valueFlags: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U'] },
  env: { valueFlags: ['-u', '-C', '-S'] },
  nice: { valueFlags: ['-n'] },
  nohup: { valueFlags: [] },
  time: { valueFlags: [] },
  command: { valueFlags: [] },
  exec: { valueFlags: ['-a'] },
  timeout: { valueFlags: ['-s', '-k'] },
  gosu: { valueFlags: [] },
  'su-exec': { valueFlags: [] },
};

class Collector {
  private commands: ShellCommand[] = [];
  private pipelines: ShellAnalysis['pipelines'] = [];
  private assignments: ShellAssignment[] = [];

  run(root: Node): ShellAnalysis {
    this.visit(root, undefined);
    const statements = root.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment').map((n) => this.chain(n));
    return {
      commands: this.commands,
      pipelines: this.pipelines,
      statements,
      assignments: this.assignments,
      hasError: root.hasError,
    };
  }

  private visit(node: Node, substitutionOf: number | undefined): void {
    switch (node.type) {
      case 'command':
        this.command(node, substitutionOf);
        return;
      case 'declaration_command':
        this.declaration(node, substitutionOf);
        return;
      case 'pipeline':
        this.pipeline(node, substitutionOf);
        return;
      case 'variable_assignment':
        this.assignment(node);
        break;
    }
    for (const child of node.namedChildren) if (child) this.visit(child, substitutionOf);
  }

  private command(node: Node, substitutionOf: number | undefined): number {
    const nameNode = node.childForFieldName('name');
    const index = this.commands.length;
    const assignments: ShellAssignment[] = [];
    const args: ShellWord[] = [];
    const nested: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'variable_assignment') {
        const a = this.assignment(child);
        if (a) assignments.push(a);
        nested.push(child);
      } else if (child.type !== 'command_name' && !child.type.endsWith('redirect')) {
        args.push(word(child));
        nested.push(child);
      } else nested.push(child);
    }
    const nameWord = nameNode ? word(nameNode.namedChildren[0] ?? nameNode) : emptyWord(node.startIndex);
    const cmd: ShellCommand = {
      name: basename(nameWord.value),
      nameWord,
      args,
      assignments,
      start: node.startIndex,
      end: node.endIndex,
      substitutionOf,
    };
    this.commands.push(cmd);
    this.unwrap(cmd);
    for (const child of nested) this.visitInside(child, index);
    return index;
  }

  private declaration(node: Node, substitutionOf: number | undefined): void {
    const keyword = node.child(0);
    const index = this.commands.length;
    const args: ShellWord[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'variable_assignment') this.assignment(child);
      args.push(word(child));
    }
    const nameWord = keyword ? word(keyword) : emptyWord(node.startIndex);
    this.commands.push({ name: nameWord.value, nameWord, args, assignments: [], start: node.startIndex, end: node.endIndex, substitutionOf });
    for (const child of node.namedChildren) if (child) this.visitInside(child, index);
  }

  /** Only substitutions inside words create commands. */
  private visitInside(node: Node, owner: number): void {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      for (const child of node.namedChildren) if (child) this.visit(child, owner);
      return;
    }
    for (const child of node.namedChildren) if (child) this.visitInside(child, owner);
  }

  private pipeline(node: Node, substitutionOf: number | undefined): void {
    const stages: number[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      const first = this.commands.length;
      this.visit(child, substitutionOf);
      if (this.commands.length > first) stages.push(first);
    }
    this.pipelines.push({ stages, start: node.startIndex, end: node.endIndex });
  }

  private assignment(node: Node): ShellAssignment | undefined {
    const name = node.childForFieldName('name')?.text;
    if (!name) return undefined;
    const valueNode = node.childForFieldName('value');
    const a = { name, value: valueNode ? word(valueNode).value : '', start: node.startIndex, end: node.endIndex };
    this.assignments.push(a);
    return a;
  }

  /** `sudo -u x apt-get install y` also yields `apt-get install y`. */
  private unwrap(cmd: ShellCommand): void {
    const wrapper = WRAPPERS[cmd.name];
    if (!wrapper) return;
    let i = 0;
    const args = cmd.args;
    if (cmd.name === 'gosu' || cmd.name === 'su-exec') i = 1;
    while (i < args.length) {
      const v = args[i].value;
      if (wrapper.valueFlags.includes(v)) i += 2;
      else if (v.startsWith('-') && v !== '-') i += 1;
      else if (cmd.name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) i += 1;
      else if (cmd.name === 'timeout' && /^\d/.test(v)) i += 1;
      else break;
    }
    if (i >= args.length) return;
    const nameWord = args[i];
    const inner: ShellCommand = {
      name: basename(nameWord.value),
      nameWord,
      args: args.slice(i + 1),
      assignments: [],
      start: nameWord.start,
      end: cmd.end,
      wrappedBy: cmd.name,
      substitutionOf: cmd.substitutionOf,
    };
    this.commands.push(inner);
    this.unwrap(inner);
  }

  private chain(node: Node): ChainItem[] {
    if (node.type === 'list') {
      const items: ChainItem[] = [];
      let op: ChainItem['op'];
      for (const child of node.children) {
        if (!child) continue;
        if (child.type === '&&' || child.type === '||') {
          op = child.type;
          continue;
        }
        if (!child.isNamed || child.type === 'comment') continue;
        const sub = this.chain(child);
        if (sub.length && op) sub[0] = { ...sub[0], op };
        items.push(...sub);
      }
      return items;
    }
    const command = node.type === 'command' ? this.commands.findIndex((c) => c.start === node.startIndex && !c.wrappedBy) : -1;
    return [{ start: node.startIndex, end: node.endIndex, command: command >= 0 ? command : undefined }];
  }
}

function basename(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

function emptyWord(at: number): ShellWord {
  return { value: '', raw: '', start: at, end: at, literal: true };
}

/** Quote removal for the word kinds tree-sitter-bash produces. */
export function word(node: Node): ShellWord {
  const raw = node.text;
  return { value: unquote(node), raw, start: node.startIndex, end: node.endIndex, literal: isLiteral(node) };
}

function unquote(node: Node): string {
  const t = node.text;
  switch (node.type) {
    case 'word':
    case 'command_name':
      return node.type === 'command_name' && node.namedChildren[0] ? unquote(node.namedChildren[0]) : t.replace(/\\\r?\n/g, '').replace(/\\(.)/g, '$1');
    case 'raw_string':
      return t.slice(1, -1);
    case 'string':
      return t.slice(1, -1).replace(/\\\r?\n/g, '').replace(/\\([$`"\\])/g, '$1');
    case 'ansi_c_string':
      return t.slice(2, -1);
    case 'translated_string':
      return t.slice(2, -1);
    case 'concatenation':
      return node.namedChildren.map((c) => (c ? unquote(c) : '')).join('');
    default:
      return t;
  }
}

function isLiteral(node: Node): boolean {
  switch (node.type) {
    case 'simple_expansion':
    case 'expansion':
    case 'command_substitution':
    case 'process_substitution':
    case 'arithmetic_expansion':
      return false;
    default:
      return node.namedChildren.every((c) => !c || isLiteral(c));
  }
}
