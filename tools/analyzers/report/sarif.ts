import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { shellcheckRule } from '../index.js';
import type { CheckReport, RuleDescription } from '../index.js';
import type { Severity } from '../types.js';

/** SARIF 2.1.0, as GitHub code scanning reads it. */
export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(severity: Severity | 'ignore'): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'ignore':
      return 'none';
    default:
      return 'note';
  }
}

export interface SarifOptions {
  /** Folder the relative paths of the report are relative to. */
  cwd: string;
  toolVersion: string;
  /** Rule metadata (listRules()). */
  rules: RuleDescription[];
}

/** A finding's path as a SARIF artifact location: relative URIs against %SRCROOT%, absolute ones as file: URLs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF's optional PascalCase rule name: K8S-SEC-PRIVILEGED -> K8sSecPrivileged; ids without separators stay. */
function ruleName(id: string): string {
  if (!/[^A-Za-z0-9]/.test(id)) return id;
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

export function toSarif(report: CheckReport, opts: SarifOptions): object {
  const catalog = new Map(opts.rules.map((r) => [r.id, r]));
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const r = catalog.get(id) ?? shellcheckRule(id);
    const title = r?.title ?? id;
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: title },
      fullDescription: { text: r && r.aliases.length ? `${title} (equivalents: ${r.aliases.join(', ')})` : title },
      ...(r?.helpUri ? { helpUri: r.helpUri } : {}),
      defaultConfiguration: { level: sarifLevel(r?.severity ?? 'warning') },
      properties: { tags: ['containers', ...(r ? [r.kind] : [])], ...(r?.aliases.length ? { aliases: r.aliases } : {}) },
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.file),
          region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
        },
      },
    ],
  }));
  const base = pathToFileURL(opts.cwd.endsWith(path.sep) ? opts.cwd : opts.cwd + path.sep).href;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { name: 'docker-expert', version: opts.toolVersion, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: base } },
        results,
        // Columns count UTF-16 code units (JavaScript string offsets).
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(report: CheckReport, opts: SarifOptions): string {
  return JSON.stringify(toSarif(report, opts), null, 2) + '\n';
}
