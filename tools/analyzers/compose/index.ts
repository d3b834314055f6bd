import type { Finding, Severity } from '../types.js';
import { documentProblems } from '../kubernetes/index.js';
import type { RuleInfo } from '../kubernetes/index.js';
import { validateComposeFile } from '../schema/compose.js';
import { parseYamlDocuments } from '../yaml-positions.js';
import { isRecord } from './model.js';
import { composeChecks } from './registry.js';
import type { ComposeContext, ComposeService } from './types.js';

export { composeChecks } from './registry.js';
export type { ComposeCheck } from './types.js';

export const COMPOSE_UNKNOWN_FIELD_RULE = 'COMPOSE-SCHEMA-FIELD';
export const COMPOSE_TYPE_RULE = 'COMPOSE-SCHEMA-TYPE';
export const COMPOSE_STRUCTURE_RULE = 'COMPOSE-STRUCTURE';

export const composeBaseRules: readonly RuleInfo[] = [
  { id: COMPOSE_STRUCTURE_RULE, severity: 'error', title: 'Not a Compose file: no services map', aliases: [] },
  { id: COMPOSE_UNKNOWN_FIELD_RULE, severity: 'error', title: 'Unknown key (docker compose config rejects it)', aliases: ['compose-spec'] },
  { id: COMPOSE_TYPE_RULE, severity: 'error', title: 'Key of the wrong shape', aliases: ['compose-spec'] },
];

export interface ComposeAnalyzeOptions {
  /** Validate keys and shapes (default true). */
  schema?: boolean;
}

/** Analyzes one Compose file. YAML errors are findings; it never throws on bad input. */
export function analyzeCompose(text: string, opts: { file: string } & ComposeAnalyzeOptions): Finding[] {
  const { file } = opts;
  const docs = parseYamlDocuments(text);
  const findings = documentProblems(file, docs);
  const doc = docs.find((d) => d.value !== undefined && d.value !== null);
  if (!doc) return findings;
  const at = (path: readonly (string | number)[]) => doc.keyPosition(path);
  const root = doc.value;
  // A file may only `include:` others; anything else needs a services map.
  const includeOnly = isRecord(root) && root.services === undefined && Array.isArray(root.include);
  if (!isRecord(root) || (!isRecord(root.services) && !includeOnly)) {
    findings.push({ rule: COMPOSE_STRUCTURE_RULE, severity: 'error', message: 'a Compose file needs a top-level services: map', file, ...at(['services']), aliases: [] });
    return findings;
  }
  if (opts.schema !== false) {
    for (const issue of validateComposeFile(root)) {
      const rule = issue.problem === 'unknown-field' ? COMPOSE_UNKNOWN_FIELD_RULE : COMPOSE_TYPE_RULE;
      findings.push({ rule, severity: 'error', message: issue.message, file, ...at(issue.path), aliases: ['compose-spec'] });
    }
  }
  const services: ComposeService[] = Object.entries(isRecord(root.services) ? root.services : {})
    .filter(([name, value]) => !name.startsWith('x-') && isRecord(value))
    .map(([name, value]) => ({ name, value: value as Record<string, unknown>, path: ['services', name] }));
  const ctx: ComposeContext = { file, root, services };
  for (const check of composeChecks) {
    for (const issue of check.check(ctx)) {
      const severity: Severity = issue.severity ?? check.severity;
      findings.push({ rule: check.id, severity, message: issue.message, file, ...at(issue.path), aliases: [...check.aliases], ...(check.id === 'COMPOSE-VERSION-OBSOLETE' ? { fixable: true } : {}) });
    }
  }
  return findings;
}

export function composeRuleInfo(): RuleInfo[] {
  return [...composeBaseRules, ...composeChecks.map((c) => ({ id: c.id, severity: c.severity, title: c.title, aliases: c.aliases, helpUri: c.helpUri }))];
}
