import type { CheckReport } from '../index.js';
import type { Finding, Severity } from '../types.js';

export interface TextOptions {
  color: boolean;
}

const SGR: Record<Severity | 'file' | 'dim' | 'bold', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  style: [90, 39],
  file: [4, 24],
  dim: [2, 22],
  bold: [1, 22],
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : /(s|x|sh|ch)$/.test(word) ? 'es' : 's'}`;
}

/** Findings grouped by file, then changes made by --fix, then a one-line summary. */
export function formatText(report: CheckReport, opts: TextOptions): string {
  const paint = (what: keyof typeof SGR, s: string) => (opts.color ? `\x1b[${SGR[what][0]}m${s}\x1b[${SGR[what][1]}m` : s);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(paint('file', file));
    const posWidth = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    const ruleWidth = Math.max(...findings.map((f) => f.rule.length));
    for (const f of findings) {
      const aliases = f.aliases.length ? paint('dim', ` [${f.aliases.slice(0, 3).join(', ')}]`) : '';
      lines.push(`  ${`${f.line}:${f.column}`.padEnd(posWidth)}  ${paint(f.severity, f.severity.padEnd(7))}  ${f.rule.padEnd(ruleWidth)}  ${f.message}${aliases}`);
    }
    lines.push('');
  }
  if (report.changes?.length) {
    lines.push(paint('bold', 'Fixed:'));
    for (const c of report.changes) lines.push(`  ${c.file}:${c.line}  ${c.rule}  ${c.description}`);
    lines.push('');
  }
  const s = report.summary;
  const counts = (['error', 'warning', 'info', 'style'] as const).filter((sev) => s.bySeverity[sev] > 0).map((sev) => paint(sev, `${s.bySeverity[sev]} ${sev === 'error' || sev === 'warning' ? plural(s.bySeverity[sev], sev).split(' ')[1] : sev}`));
  const head = s.findings === 0 ? 'No findings' : `${plural(s.findings, 'finding')} (${counts.join(', ')})`;
  const fixed = report.changes ? `; ${plural(s.fixed, 'fix')} applied` : '';
  const verdict = s.threshold === 'none' ? '' : s.failed ? ` - failing at threshold ${s.threshold}` : ` - nothing at or above ${s.threshold}`;
  lines.push(`${head} in ${plural(s.files, 'file')}${fixed}${verdict}`);
  return lines.join('\n') + '\n';
}
