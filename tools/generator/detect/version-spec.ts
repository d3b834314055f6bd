/**
 * Just enough of npm semver ranges and PEP 440 specifiers to pick a runtime version:
 * `>=18`, `^8.1`, `~3.2`, `18.x`, `>=3.9,<3.13`, `~=3.10`, `==3.11.*`, `a || b`.
 * Composer and Gemfile constraints use the same operators.
 */

type Version = number[];

interface Comparator {
  op: '>=' | '>' | '<=' | '<' | '=';
  v: Version;
}

const EXACT = /^v?(\d+(?:\.\d+){0,2})$/;

/** `v20.11.1` / `3.11` / `21` -> the version without a leading v; undefined when it is a range or a word. */
export function exactVersion(spec: string): string | undefined {
  return EXACT.exec(spec.trim())?.[1];
}

function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?/.exec(text.trim());
  if (!m) return undefined;
  const parts: number[] = [Number(m[1])];
  for (const p of [m[2], m[3]]) {
    if (p === undefined || p === 'x' || p === '*') break;
    parts.push(Number(p));
  }
  return parts;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The smallest version above every version starting with `v` (`3.11` -> `3.12`). */
function bump(v: Version, at: number): Version {
  const out = v.slice(0, at + 1);
  out[at] = (out[at] ?? 0) + 1;
  return out;
}

function comparatorsOf(term: string): Comparator[] | undefined {
  const out: Comparator[] = [];
  const tokens = term.split(/[,\s]+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    let tok = tokens[i];
    // `>= 18` written with a space
    if (/^(>=|<=|>|<|==|=|~=|\^|~)$/.test(tok) && tokens[i + 1]) tok += tokens[++i];
    const m = /^(>=|<=|>|<|===|==|=|~=|\^|~|!=)?\s*(.+)$/.exec(tok);
    if (!m) return undefined;
    const op = m[1] ?? '';
    if (op === '!=') continue;
    const v = parseVersion(m[2]);
    if (!v) return undefined;
    const wildcard = /[x*]/.test(m[2]) || (op === '' || op === '=' || op === '==' || op === '===') && v.length < 3;
    switch (op) {
      case '>=': case '>': case '<=': case '<':
        out.push({ op, v });
        break;
      case '^': {
        const at = v.findIndex((n) => n !== 0);
        out.push({ op: '>=', v }, { op: '<', v: bump(v, at < 0 ? v.length - 1 : at) });
        break;
      }
      case '~':
        out.push({ op: '>=', v }, { op: '<', v: bump(v, v.length > 1 ? 1 : 0) });
        break;
      case '~=':
        out.push({ op: '>=', v }, { op: '<', v: bump(v, Math.max(0, v.length - 2)) });
        break;
      default:
        if (wildcard) out.push({ op: '>=', v }, { op: '<', v: bump(v, v.length - 1) });
        else out.push({ op: '=', v });
    }
  }
  return out;
}

function satisfiesAll(v: Version, cs: Comparator[]): boolean {
  return cs.every(({ op, v: c }) => {
    const d = compare(v, c);
    return op === '>=' ? d >= 0 : op === '>' ? d > 0 : op === '<=' ? d <= 0 : op === '<' ? d < 0 : d === 0;
  });
}

/** A release line (`20`, `3.11`) stands for its newest patch, which is what a floating image tag gives. */
function newestOfLine(line: Version): Version {
  return [...line, 999, 999].slice(0, Math.max(3, line.length));
}

/**
 * The runtime version to use for a constraint: an exact version (`20.11.1`) as written; else
 * `preferred` when its line satisfies the constraint; else the newest of `knownLines` that does;
 * else the lowest version the constraint names (`>=16,<18` -> `16`); else undefined
 * (unparseable, or only upper bounds).
 */
export function chooseVersion(spec: string, preferred: string, knownLines: readonly string[] = []): string | undefined {
  const exact = exactVersion(spec);
  if (exact) return exact;
  const alternatives = spec.split(/\|\|?/).map((t) => comparatorsOf(t.trim()));
  if (alternatives.some((a) => a === undefined)) return undefined;
  const terms = alternatives as Comparator[][];
  for (const line of [preferred, ...knownLines]) {
    const v = parseVersion(line);
    if (v && terms.some((cs) => satisfiesAll(newestOfLine(v), cs))) return line;
  }
  let lowest: Version | undefined;
  for (const cs of terms) {
    for (const c of cs) {
      if (c.op !== '>=' && c.op !== '=' && c.op !== '>') continue;
      const candidate = c.op === '>' ? bump(c.v, c.v.length - 1) : c.v;
      if (!satisfiesAll(candidate, cs)) continue;
      if (!lowest || compare(candidate, lowest) < 0) lowest = candidate;
    }
  }
  return lowest?.join('.');
}

/** `20.11.1` -> `20`; `3.11.4` -> `3.11` (parts = how many to keep). */
export function truncateVersion(version: string, parts: number): string {
  return version.split('.').slice(0, parts).join('.');
}
