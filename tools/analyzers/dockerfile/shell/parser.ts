import { createRequire } from 'node:module';
import type { Parser as TSParser, Tree } from 'web-tree-sitter';
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
let cacheEntries = SHELL_CACHE_ENTRIES;

/** Sets how many parsed scripts are kept (default SHELL_CACHE_ENTRIES; 0 turns the cache off). */
export function configureShellCache(opts: { entries: number }): void {
  if (!Number.isInteger(opts.entries) || opts.entries < 0) throw new Error(`shell cache entries must be a whole number >= 0, got ${opts.entries}`);
  cacheEntries = opts.entries;
  while (cache.size > cacheEntries) cache.delete(cache.keys().next().value as string);
}

export function shellCacheSize(): number {
  return cache.size;
}

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
    analysis = new Collector(script).run(plainTree(tree), tree.rootNode.hasError);
  } finally {
    tree.delete();
  }
  if (useCache && cacheEntries > 0) {
    cache.set(script, analysis);
    if (cache.size > cacheEntries) cache.delete(cache.keys().next().value as string);
  }
  return analysis;
}

export function emptyAnalysis(skipped?: string): ShellAnalysis {
  return { commands: [], pipelines: [], statements: [], assignments: [], hasError: false, skipped };
}

/** A syntax node copied out of the wasm tree in one cursor walk: crossing into wasm per property is the slow part. */
interface SNode {
  type: string;
  named: boolean;
  field: string | null;
  start: number;
  end: number;
  children: SNode[];
}

function plainTree(tree: Tree): SNode {
  const c = tree.walk();
  const make = (): SNode => ({ type: c.nodeType, named: c.nodeIsNamed, field: c.currentFieldName, start: c.startIndex, end: c.endIndex, children: [] });
  const root = make();
  const stack = [root];
  let depth = 0;
  try {
    if (c.gotoFirstChild()) {
      depth = 1;
      for (;;) {
        const node = make();
        stack[stack.length - 1].children.push(node);
        if (c.gotoFirstChild()) {
          stack.push(node);
          depth++;
          continue;
        }
        let done = false;
        while (!c.gotoNextSibling()) {
          c.gotoParent();
          depth--;
          if (depth === 0) {
            done = true;
            break;
          }
          stack.pop();
        }
        if (done) break;
      }
    }
  } finally {
    c.delete();
  }
  return root;
}

const namedChildren = (n: SNode): SNode[] => n.children.filter((c) => c.named);
const fieldChild = (n: SNode, field: string): SNode | undefined => n.children.find((c) => c.field === field);

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
  constructor(private readonly script: string) {}

  private commands: ShellCommand[] = [];
  private pipelines: ShellAnalysis['pipelines'] = [];
  private assignments: ShellAssignment[] = [];

  run(root: SNode, hasError: boolean): ShellAnalysis {
    this.visit(root, undefined);
    const statements = namedChildren(root)
      .filter((n) => n.type !== 'comment')
      .map((n) => this.chain(n));
    return { commands: this.commands, pipelines: this.pipelines, statements, assignments: this.assignments, hasError };
  }

  private text(n: SNode): string {
    return this.script.slice(n.start, n.end);
  }

  private word(n: SNode): ShellWord {
    return { value: unquote(n, this.script), raw: this.text(n), start: n.start, end: n.end, literal: isLiteral(n) };
  }

  private visit(node: SNode, substitutionOf: number | undefined): void {
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
    for (const child of namedChildren(node)) this.visit(child, substitutionOf);
  }

  private command(node: SNode, substitutionOf: number | undefined): number {
    const nameNode = fieldChild(node, 'name');
    const index = this.commands.length;
    const assignments: ShellAssignment[] = [];
    const args: ShellWord[] = [];
    const nested: SNode[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === 'variable_assignment') {
        const a = this.assignment(child);
        if (a) assignments.push(a);
        nested.push(child);
      } else if (child.type !== 'command_name' && !child.type.endsWith('redirect')) {
        args.push(this.word(child));
        nested.push(child);
      } else nested.push(child);
    }
    const nameWord = nameNode ? this.word(namedChildren(nameNode)[0] ?? nameNode) : emptyWord(node.start);
    const cmd: ShellCommand = {
      name: basename(nameWord.value),
      nameWord,
      args,
      assignments,
      start: node.start,
      end: node.end,
      substitutionOf,
    };
    this.commands.push(cmd);
    this.unwrap(cmd);
    for (const child of nested) this.visitInside(child, index);
    return index;
  }

  private declaration(node: SNode, substitutionOf: number | undefined): void {
    const keyword = node.children[0];
    const index = this.commands.length;
    const args: ShellWord[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === 'variable_assignment') this.assignment(child);
      args.push(this.word(child));
    }
    const nameWord = keyword ? this.word(keyword) : emptyWord(node.start);
    this.commands.push({ name: nameWord.value, nameWord, args, assignments: [], start: node.start, end: node.end, substitutionOf });
    for (const child of namedChildren(node)) this.visitInside(child, index);
  }

  /** Only substitutions inside words create commands. */
  private visitInside(node: SNode, owner: number): void {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      for (const child of namedChildren(node)) this.visit(child, owner);
      return;
    }
    for (const child of namedChildren(node)) this.visitInside(child, owner);
  }

  private pipeline(node: SNode, substitutionOf: number | undefined): void {
    const stages: number[] = [];
    for (const child of namedChildren(node)) {
      const first = this.commands.length;
      this.visit(child, substitutionOf);
      if (this.commands.length > first) stages.push(first);
    }
    this.pipelines.push({ stages, start: node.start, end: node.end });
  }

  private assignment(node: SNode): ShellAssignment | undefined {
    const nameNode = fieldChild(node, 'name');
    if (!nameNode) return undefined;
    const valueNode = fieldChild(node, 'value');
    const a = { name: this.text(nameNode), value: valueNode ? unquote(valueNode, this.script) : '', start: node.start, end: node.end };
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

  private chain(node: SNode): ChainItem[] {
    if (node.type === 'list') {
      const items: ChainItem[] = [];
      let op: ChainItem['op'];
      for (const child of node.children) {
        if (child.type === '&&' || child.type === '||') {
          op = child.type;
          continue;
        }
        if (!child.named || child.type === 'comment') continue;
        const sub = this.chain(child);
        if (sub.length && op) sub[0] = { ...sub[0], op };
        items.push(...sub);
      }
      return items;
    }
    const command = node.type === 'command' ? this.commands.findIndex((c) => c.start === node.start && !c.wrappedBy) : -1;
    return [{ start: node.start, end: node.end, command: command >= 0 ? command : undefined }];
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
function unquote(node: SNode, script: string): string {
  const t = script.slice(node.start, node.end);
  switch (node.type) {
    case 'word':
      return t.replace(/\\\r?\n/g, '').replace(/\\(.)/g, '$1');
    case 'command_name': {
      const inner = namedChildren(node)[0];
      return inner ? unquote(inner, script) : t;
    }
    case 'raw_string':
      return t.slice(1, -1);
    case 'string':
      return t.slice(1, -1).replace(/\\\r?\n/g, '').replace(/\\([$`"\\])/g, '$1');
    case 'ansi_c_string':
    case 'translated_string':
      return t.slice(2, -1);
    case 'concatenation':
      return namedChildren(node)
        .map((c) => unquote(c, script))
        .join('');
    default:
      return t;
  }
}

function isLiteral(node: SNode): boolean {
  switch (node.type) {
    case 'simple_expansion':
    case 'expansion':
    case 'command_substitution':
    case 'process_substitution':
    case 'arithmetic_expansion':
      return false;
    default:
      return namedChildren(node).every(isLiteral);
  }
}
