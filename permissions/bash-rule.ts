import { escapeRegExp } from './rules.js';

/**
 * A Bash rule specifier compiled to word patterns. Matching is done on the parsed argv, word by word, never on the raw
 * command text: `Bash(docker:*)` does not match `docker-compose`, and quoting cannot smuggle a separator past it.
 *  - `docker:*` (legacy, only at the end) and `docker *`: the words `docker`, then any words (or none);
 *  - a lone `*` word matches any run of words, a `*` inside a word matches within that word (`ls*` matches `lsof`);
 *  - otherwise the words must be equal: `Bash(npm run build)` is that exact command.
 */
export type WordPattern = { any: true } | { any: false; re: RegExp; literal?: string };

export function compileBashSpecifier(specifier: string): WordPattern[] {
  let spec = specifier.trim();
  const trailingAny = spec.endsWith(':*');
  if (trailingAny) spec = spec.slice(0, -2);
  const words = splitWords(spec);
  const out: WordPattern[] = words.map((w) =>
    w === '*' ? { any: true } : w.includes('*') ? { any: false, re: wordGlob(w) } : { any: false, re: wordGlob(w), literal: w },
  );
  if (trailingAny) out.push({ any: true });
  return out;
}

/** Splits a specifier on blanks outside single or double quotes, dropping the quotes (`"a b"` is one word). */
export function splitWords(spec: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (const ch of spec) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

function wordGlob(w: string): RegExp {
  return new RegExp(`^${w.split('*').map(escapeRegExp).join('.*')}$`, 's');
}

/** Whether the words match the compiled pattern in full. */
export function matchWords(pattern: WordPattern[], words: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (p: number, w: number): boolean => {
    const key = p * (words.length + 1) + w;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (p === pattern.length) result = w === words.length;
    else {
      const pat = pattern[p];
      if (pat.any) result = go(p + 1, w) || (w < words.length && go(p, w + 1));
      else result = w < words.length && pat.re.test(words[w]) && go(p + 1, w + 1);
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

export function bashSpecifierMatches(specifier: string, words: readonly string[]): boolean {
  return matchWords(compileBashSpecifier(specifier), words);
}

/** The literal words a specifier starts with (`kubectl apply:*` -> [kubectl, apply]): what it names for sure. */
export function literalLead(specifier: string): string[] {
  const lead: string[] = [];
  for (const p of compileBashSpecifier(specifier)) {
    if (p.any || p.literal === undefined) break;
    lead.push(p.literal);
  }
  return lead;
}

/** Every literal word of a specifier, wherever it stands (used to see whether a rule names a flag). */
export function literalWords(specifier: string): string[] {
  return splitWords(specifier.replace(/:\*$/, '')).filter((w) => w !== '' && !w.includes('*'));
}
