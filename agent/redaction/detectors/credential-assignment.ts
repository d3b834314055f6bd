import { isReferenceValue, secretNameKind } from '../names.js';
import type { Detector, Finding } from '../types.js';

/**
 * `password=…`, `DB_PASSWORD: …`, `"apiKey": "…"`, `--token …`, `Authorization: Bearer …`: a value given to a name that
 * says it is a secret. The kind is the name's (password, secret, token, api-key). References (`${DB_PASS}`, `<token>`),
 * masks and names that point elsewhere (`password_file`, `secretName`) stay.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_.${-])(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,80})["']?[ \t]*(?<sep>=|:(?!\/\/)|[ \t](?=["']))[ \t]*(?<quote>["']?)/g;
const FLAG = /(?<![A-Za-z0-9_-])--(?<name>[A-Za-z][A-Za-z0-9-]{1,60})(?:=|[ \t]+)(?<quote>["']?)/g;
const AUTH_HEADER = /\b(?:Proxy-)?Authorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|token|Token|Digest)\s+(?<value>[A-Za-z0-9._~+/=-]{8,})/gd;

export const credentialAssignment: Detector = {
  kinds: ['password', 'secret', 'token', 'api-key'],
  find(text: string): Finding[] {
    const out: Finding[] = [];
    for (const re of [ASSIGNMENT, FLAG]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const kind = secretNameKind(m.groups!.name);
        if (!kind) continue;
        const start = m.index + m[0].length;
        const end = valueEnd(text, start, m.groups!.quote, re === ASSIGNMENT && m.groups!.sep === ':');
        const value = text.slice(start, end);
        if (end > start && !isReferenceValue(value) && !value.startsWith('{') && !value.startsWith('[')) out.push({ start, end, kind });
      }
    }
    AUTH_HEADER.lastIndex = 0;
    for (let m = AUTH_HEADER.exec(text); m; m = AUTH_HEADER.exec(text)) {
      const [start, end] = m.indices!.groups!.value;
      out.push({ start, end, kind: 'token' });
    }
    return out;
  },
};

/** Where the value starting at `start` ends: at its closing quote, or (unquoted) at the end of the line for YAML's `:`, else at a space or separator. */
function valueEnd(text: string, start: number, quote: string | undefined, colon: boolean): number {
  if (quote) {
    for (let i = start; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === quote || text[i] === '\n') return i;
    }
    return text.length;
  }
  let end = start;
  // A `${VAR}` or `$(command)` reference is read whole, so it is seen as the reference it is.
  const ref = /^\$(?:\{[^}\n]*\}|\([^)\n]*\))/.exec(text.slice(start, start + 200));
  if (ref) return start + ref[0].length;
  if (colon) {
    while (end < text.length && text[end] !== '\n' && !(text[end] === ' ' && text[end + 1] === '#') && text[end] !== "\r") end++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return end;
  }
  while (end < text.length && !/[\s"'&;,)}\]<>|`]/.test(text[end])) end++;
  return end;
}
