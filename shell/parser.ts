import { createRequire } from 'node:module';
import type { Node as SyntaxNode, Parser as TsParser } from 'web-tree-sitter';

export type { SyntaxNode, TsParser };

let loading: Promise<TsParser> | undefined;
let ready: TsParser | undefined;

/** Where the tree-sitter-bash grammar ships its wasm build. */
export function bashWasmPath(): string {
  return createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');
}

/** Loads web-tree-sitter and the bash grammar once, lazily; later calls share the same parser. */
export function loadBashParser(): Promise<TsParser> {
  loading ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const language = await Language.load(bashWasmPath());
    const parser = new Parser();
    parser.setLanguage(language);
    ready = parser;
    return parser;
  })();
  return loading;
}

/** The parser if it has finished loading (synchronous callers such as `isReadOnly` give a safe answer otherwise). */
export function loadedBashParser(): TsParser | undefined {
  return ready;
}

/** Parses `source`, hands the root node to `use`, and frees the tree (it lives in wasm memory). */
export function withSyntaxTree<T>(parser: TsParser, source: string, use: (root: SyntaxNode) => T): T {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter-bash returned no tree');
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}
