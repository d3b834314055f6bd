/**
 * The YAML/JSON documents of a tool's output, parsed with source ranges (JSON is YAML, so one parser reads
 * `kubectl get -o yaml`, `-o json` and `docker inspect` alike). Outputs that are not such documents, or too big to
 * parse cheaply, give none; the pattern detectors still run on them.
 */
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { lazyYaml } from '../lazy-modules.js';

/** yaml's node tests, from the package loaded on first use (only a detector whose cheap test matched gets here). */
export const isMap = (node: unknown): node is YAMLMap => lazyYaml().isMap(node);
export const isSeq = (node: unknown): node is YAMLSeq => lazyYaml().isSeq(node);
export const isScalar = (node: unknown): node is Scalar => lazyYaml().isScalar(node);

/** Larger outputs are left to the pattern detectors (parsing costs about 1 s per 10 MB). */
export const STRUCTURED_MAX_CHARS = 2_000_000;

let last: { text: string; docs: Node[] } | undefined;

/** Parsed once per text: the structured detectors all ask for the same output in turn. */
export function parseDocuments(text: string): Node[] {
  if (last?.text !== text) last = { text, docs: parse(text) };
  return last.docs;
}

function parse(text: string): Node[] {
  if (text.length > STRUCTURED_MAX_CHARS) return [];
  try {
    const docs = lazyYaml().parseAllDocuments(text, { uniqueKeys: false, strict: false, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    return list.flatMap((d) => (d.contents && typeof d.contents === 'object' ? [d.contents as Node] : []));
  } catch {
    return [];
  }
}

/** Every map in the tree, depth first. */
export function* maps(node: unknown): Generator<YAMLMap> {
  if (isMap(node)) {
    yield node;
    for (const pair of node.items) yield* maps(pair.value);
  } else if (isSeq(node)) for (const item of node.items) yield* maps(item);
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key) as Pair | undefined;
}

export function stringOf(map: YAMLMap, key: string): string | undefined {
  const value = pairOf(map, key)?.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** The source span of a node's value, trailing blank space and line breaks left out. */
export function spanOf(text: string, node: unknown): [number, number] | undefined {
  const range = (node as Node | null)?.range;
  if (!range) return undefined;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return end > range[0] ? [range[0], end] : undefined;
}

/** Inside a quoted scalar's span, the characters of its value (quotes left out). */
export function innerSpan(text: string, span: [number, number]): [number, number] {
  const first = text[span[0]];
  return (first === '"' || first === "'") && text[span[1] - 1] === first ? [span[0] + 1, span[1] - 1] : span;
}
