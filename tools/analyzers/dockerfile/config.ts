import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { SEVERITIES } from '../types.js';
import type { Severity } from '../types.js';
import type { LabelSchema } from './rule.js';

/** `.hadolint.yaml`, as hadolint reads it (the keys our analyzer uses). */
export interface HadolintConfig {
  /** Rule ids (ours, hadolint's or an alias such as a BuildKit check name) never reported. */
  ignored?: string[];
  /** Severity per rule id; also turns on rules that are off by default. */
  override?: Partial<Record<Severity, string[]>>;
  /** Registries allowed in FROM (globs like `*.gcr.io`); empty means any (DL3026 off). */
  trustedRegistries?: string[];
  /** Lowest severity that makes a check fail; `none` never fails. */
  failureThreshold?: Severity | 'none';
  labelSchema?: LabelSchema;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  noFail?: boolean;
  /** The file it was read from. */
  file?: string;
}

export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

export class HadolintConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'HadolintConfigError';
  }
}

/**
 * Finds `.hadolint.yaml`/`.yml` in `dir`, then in each parent up to `root` (inclusive; default: `dir` only).
 * Throws HadolintConfigError (file and line) when the file is invalid.
 */
export async function loadHadolintConfig(dir: string, opts: { root?: string } = {}): Promise<HadolintConfig | undefined> {
  let current = path.resolve(dir);
  const root = path.resolve(opts.root ?? dir);
  for (;;) {
    for (const name of HADOLINT_CONFIG_NAMES) {
      const file = path.join(current, name);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
        throw new HadolintConfigError(file, 0, `cannot read: ${(err as Error).message}`);
      }
      return parseHadolintConfig(text, file);
    }
    const parent = path.dirname(current);
    if (current === root || parent === current || !isInside(parent, root)) return undefined;
    current = parent;
  }
}

function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const LABEL_TYPES = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'] as const;
/** Keys hadolint accepts that change nothing in analysis (output/CLI matters). */
const PASSIVE_KEYS = new Set(['format', 'no-color', 'verbose', 'require-labels']);

export function parseHadolintConfig(text: string, file: string): HadolintConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new HadolintConfigError(file, e.linePos?.[0].line ?? 1, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const config: HadolintConfig = { file };
  if (doc.contents === null) return config;
  if (!isMap(doc.contents)) throw new HadolintConfigError(file, lineOf(doc.contents), 'expected a mapping of settings');
  const fail = (node: YamlNode | null | undefined, msg: string): never => {
    throw new HadolintConfigError(file, lineOf(node), msg);
  };
  const stringList = (key: string, node: YamlNode | null | undefined): string[] => {
    if (isScalar(node) && typeof node.value === 'string') return [node.value];
    if (!isSeq(node)) return fail(node, `"${key}" must be a list of strings`);
    return node.items.map((item) => (isScalar(item) && typeof item.value === 'string' ? item.value : fail(item as YamlNode, `"${key}" must hold strings`)));
  };
  const bool = (key: string, node: YamlNode | null | undefined): boolean =>
    isScalar(node) && typeof node.value === 'boolean' ? node.value : fail(node, `"${key}" must be true or false`);
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : fail(keyNode, 'keys must be plain strings');
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'ignored':
        config.ignored = stringList(key, value);
        break;
      case 'trustedRegistries':
      case 'trusted-registries':
        config.trustedRegistries = stringList(key, value);
        break;
      case 'override': {
        if (!isMap(value)) fail(value ?? keyNode, '"override" must map error/warning/info/style to lists of rule ids');
        config.override = {};
        for (const p of (value as unknown as { items: { key: YamlNode; value: YamlNode }[] }).items) {
          const level = isScalar(p.key) ? String(p.key.value) : '';
          if (!(SEVERITIES as readonly string[]).includes(level)) fail(p.key, `"override.${level}": expected one of ${SEVERITIES.join(', ')}`);
          config.override[level as Severity] = stringList(`override.${level}`, p.value);
        }
        break;
      }
      case 'failure-threshold': {
        const v = isScalar(value) ? String(value.value) : '';
        if ((SEVERITIES as readonly string[]).includes(v)) config.failureThreshold = v as Severity;
        else if (v === 'none' || v === 'ignore') config.failureThreshold = 'none';
        else fail(value ?? keyNode, `"failure-threshold" must be one of ${SEVERITIES.join(', ')}, none`);
        break;
      }
      case 'label-schema': {
        if (!isMap(value)) fail(value ?? keyNode, '"label-schema" must map label names to types');
        config.labelSchema = {};
        for (const p of (value as unknown as { items: { key: YamlNode; value: YamlNode }[] }).items) {
          const label = isScalar(p.key) ? String(p.key.value) : fail(p.key, 'label names must be strings');
          const type = isScalar(p.value) ? String(p.value.value) : '';
          if (!(LABEL_TYPES as readonly string[]).includes(type)) fail(p.value ?? p.key, `"label-schema.${label}": expected one of ${LABEL_TYPES.join(', ')}`);
          config.labelSchema[label] = type as LabelSchema[string];
        }
        break;
      }
      case 'strict-labels':
        config.strictLabels = bool(key, value);
        break;
      case 'disable-ignore-pragma':
        config.disableIgnorePragma = bool(key, value);
        break;
      case 'no-fail':
        config.noFail = bool(key, value);
        break;
      default:
        if (!PASSIVE_KEYS.has(key)) fail(keyNode, `unknown setting "${key}"`);
    }
  }
  return config;
}
