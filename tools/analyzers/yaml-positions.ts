import { Composer, Lexer, LineCounter, Parser, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';

/** A path into a YAML value: map keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface YamlProblem extends Position {
  message: string;
  code: string;
}

/** One document of a (possibly multi-document) YAML file. */
export interface YamlDocument {
  /** 0-based index of the document in its file. */
  index: number;
  /** Plain JS value; `undefined` for an empty document or one that did not parse. */
  value: unknown;
  /** Syntax errors (the document is not analyzed when there are any). */
  errors: YamlProblem[];
  /** True when the document holds Go/Helm template syntax (`{{ ... }}`) and cannot be analyzed as is. */
  templated: boolean;
  /** Where the document's content starts. */
  start: Position;
  /** Position of the key at `path` (or of the deepest part of it that exists). */
  keyPosition(path: YamlPath): Position;
  /** Position of the value at `path` (or of the deepest part of it that exists). */
  valuePosition(path: YamlPath): Position;
}

/** Aliases a document may expand before it counts as an alias bomb (yaml's own default is 100). */
export const MAX_YAML_ALIAS_COUNT = 100;
/**
 * Deepest `[`/`{` nesting parsed. The parser recurses per level: 100,000 levels take seconds and 500,000 exhaust
 * memory, while real manifests stay under ten.
 */
export const MAX_YAML_FLOW_DEPTH = 64;

/** Opening brackets of any kind: when there are few, nesting cannot be deep and the lexer pass is skipped. */
function bracketCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) n++;
  }
  return n;
}

/** Deepest flow-collection nesting in `text`, from yaml's own (iterative) lexer; stops counting past `limit`. */
export function flowDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if ((token === ']' || token === '}') && depth > 0) depth--;
  }
  return max;
}

const TEMPLATE_RE = /\{\{[\s\S]*?\}\}/;

export interface YamlParseOptions {
  maxAliasCount?: number;
  maxFlowDepth?: number;
}

/** Parses every document of `text`, keeping going after a broken one. */
export function parseYamlDocuments(text: string, opts: YamlParseOptions = {}): YamlDocument[] {
  return [...yamlDocuments(text, opts)];
}

/**
 * The documents of `text` one at a time, each parsed only when asked for: telling a file's kind needs its first
 * document, not all of a multi-megabyte stream (yaml's Parser and Composer are generators; parseAllDocuments is
 * the same pair run to the end).
 */
export function* yamlDocuments(text: string, opts: YamlParseOptions = {}): Generator<YamlDocument> {
  const maxFlowDepth = opts.maxFlowDepth ?? MAX_YAML_FLOW_DEPTH;
  if (bracketCount(text) > maxFlowDepth && flowDepth(text, maxFlowDepth) > maxFlowDepth) {
    yield tooDeep(maxFlowDepth);
    return;
  }
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, merge: true });
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  let index = 0;
  for (const doc of composer.compose(parser.parse(text))) yield toDocument(doc as Document.Parsed, index++, text, pos, opts.maxAliasCount ?? MAX_YAML_ALIAS_COUNT);
}

function toDocument(doc: Document.Parsed, index: number, text: string, pos: (o: number) => Position, maxAliasCount: number): YamlDocument {
  const [from, to] = doc.range ?? [0, 0];
  const source = stripComments(text.slice(from, to));
  const templated = TEMPLATE_RE.test(source);
  const errors: YamlProblem[] = doc.errors.map((e) => ({ ...pos(e.pos[0]), message: firstLine(e.message), code: e.code }));
  let value: unknown;
  if (errors.length === 0 && !templated) {
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (err) {
      errors.push({ ...pos(from), message: firstLine((err as Error).message), code: 'TO_JS' });
    }
  }
  const root = doc.contents as Node | null;
  const start = pos(root?.range?.[0] ?? from);
  const locate = (path: YamlPath, want: 'key' | 'value'): Position => {
    const found = walk(root, path);
    const offset = want === 'key' ? found.keyOffset ?? found.valueOffset : found.exact ? found.valueOffset : found.keyOffset ?? found.valueOffset;
    return offset === undefined ? start : pos(offset);
  };
  return {
    index,
    value,
    errors,
    templated,
    start,
    keyPosition: (path) => locate(path, 'key'),
    valuePosition: (path) => locate(path, 'value'),
  };
}

function tooDeep(limit: number): YamlDocument {
  const start = { line: 1, column: 1 };
  return {
    index: 0,
    value: undefined,
    errors: [{ ...start, code: 'TOO_DEEP', message: `[ ] / { } nested deeper than ${limit} levels: not parsed` }],
    templated: false,
    start,
    keyPosition: () => start,
    valuePosition: () => start,
  };
}

interface Located {
  keyOffset?: number;
  valueOffset?: number;
  exact: boolean;
}

function walk(root: Node | null, path: YamlPath): Located {
  let node: unknown = root;
  let located: Located = { valueOffset: (root as Node | null)?.range?.[0], exact: path.length === 0 };
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    let next: Located | undefined;
    let child: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyString(p.key) === String(step));
      if (pair) {
        child = pair.value;
        next = { keyOffset: (pair.key as Node | null)?.range?.[0], valueOffset: (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node | null)?.range?.[0], exact: false };
      }
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (item) {
        child = item;
        next = { keyOffset: item.range?.[0], valueOffset: item.range?.[0], exact: false };
      }
    }
    if (!next) return located;
    node = child;
    located = { ...next, exact: i === path.length - 1 };
  }
  return located;
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Drops whole-line comments so a `{{` in a comment does not mark the document as a template. */
function stripComments(source: string): string {
  return source
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
}
