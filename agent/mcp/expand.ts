/**
 * `${VAR}` and `${VAR:-default}` expansion, as Claude Code does it in `.mcp.json`:
 * an unset variable with no default stays literal and is reported, so the caller can warn.
 */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface Expansion {
  value: string;
  /** Variables that were unset and had no default (left literal). */
  missing: string[];
}

export function expandVariables(text: string, vars: Readonly<Record<string, string | undefined>>): Expansion {
  const missing: string[] = [];
  const value = text.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    const set = vars[name];
    if (set !== undefined && set !== '') return set;
    if (fallback !== undefined) return fallback;
    if (set === '') return '';
    missing.push(name);
    return whole;
  });
  return { value, missing };
}
