import { Copy, Run } from 'dockerfile-ast';
import type { DockerfileModel } from './model.js';

export interface Pragma {
  ids: Set<string>;
  /** 1-based line of the comment. */
  line: number;
  scope: 'next-line' | 'global' | 'stage';
}

export interface Pragmas {
  list: Pragma[];
  /** Pragmas naming a rule nobody knows: dropped whole, as hadolint drops them. */
  dropped: { line: number; unknown: string[] }[];
  /** BuildKit `# check=skip=...` ids, or `all`. */
  checkSkip: Set<string>;
  checkSkipAll: boolean;
}

const PRAGMA = /^\s*#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*)/;

/**
 * `# hadolint ignore=…` comments (next line, `global`, `stage`) and the BuildKit `# check=skip=` directive.
 * With `isKnownId`, a pragma that names an unknown rule (`ignore=crazy,DL3002`) is dropped whole, as hadolint's
 * parser rejects it; the names it accepts beyond hadolint's (our DE ids, aliases, BuildKit names) are still ids.
 */
export function readPragmas(model: DockerfileModel, isKnownId?: (id: string) => boolean): Pragmas {
  const src = model.src;
  const text = model.text;
  const pragmas: Pragmas = { list: [], dropped: [], checkSkip: new Set(), checkSkipAll: false };
  if (!/#\s*(hadolint|check\s*=)/i.test(text)) return pragmas;
  const heredocLines = text.includes('<<') ? heredocContentLines(model) : undefined;
  let directives = true;
  for (let line = 0; line < src.lineCount; line++) {
    const content = src.lineText(line);
    const trimmed = content.trimStart();
    if (!trimmed.startsWith('#')) {
      if (trimmed !== '') directives = false;
      continue;
    }
    if (heredocLines?.has(line)) continue;
    if (directives) {
      const check = /^#\s*check\s*=\s*(.*)$/i.exec(trimmed);
      if (check) {
        for (const part of check[1].split(';')) {
          const [k, v] = part.split('=');
          if (k?.trim().toLowerCase() !== 'skip' || v === undefined) continue;
          for (const id of v.split(',')) {
            const name = id.trim();
            if (name.toLowerCase() === 'all') pragmas.checkSkipAll = true;
            else if (name) pragmas.checkSkip.add(name);
          }
        }
        continue;
      }
      if (!/^#\s*[a-z]+\s*=/i.test(trimmed)) directives = false;
    }
    const m = PRAGMA.exec(trimmed);
    if (!m) continue;
    const ids = new Set(m[2].split(',').map((s) => s.trim()).filter(Boolean));
    const unknown = isKnownId ? [...ids].filter((id) => !isKnownId(id)) : [];
    if (unknown.length) {
      pragmas.dropped.push({ line: line + 1, unknown });
      continue;
    }
    pragmas.list.push({ ids, line: line + 1, scope: m[1] === 'global' ? 'global' : m[1] === 'stage' ? 'stage' : 'next-line' });
  }
  return pragmas;
}

function heredocContentLines(model: DockerfileModel): Set<number> {
  const lines = new Set<number>();
  for (const instr of model.all) {
    if (!(instr.node instanceof Run) && !(instr.node instanceof Copy)) continue;
    for (const doc of instr.node.getHeredocs()) {
      const r = doc.getContentRange();
      if (r) for (let l = r.start.line; l <= r.end.line; l++) lines.add(l);
    }
  }
  return lines;
}

/**
 * Whether a pragma silences `ids` (a rule id and its aliases) for a finding of the instruction starting on
 * `instrLine` (1-based). `stageStarts` are the FROM lines, ascending.
 */
export function suppressedByPragma(pragmas: Pragmas, ids: readonly string[], instrLine: number, stageStarts: readonly number[]): boolean {
  for (const p of pragmas.list) {
    if (!ids.some((id) => p.ids.has(id))) continue;
    if (p.scope === 'global') return true;
    if (p.scope === 'next-line' && p.line + 1 === instrLine) return true;
    if (p.scope === 'stage' && instrLine > p.line) {
      // Right above a FROM (hadolint's form) it covers that stage; inside a stage, the rest of it.
      const after = stageStarts.includes(p.line + 1) ? p.line + 1 : p.line;
      const nextFrom = stageStarts.find((l) => l > after);
      if (nextFrom === undefined || instrLine < nextFrom) return true;
    }
  }
  return false;
}
