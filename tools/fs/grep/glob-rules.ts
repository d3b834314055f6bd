import { lazyPicomatch } from '../../../agent/lazy-modules.js';

/**
 * One gitignore-style glob, as ripgrep reads both `.gitignore` lines and `--glob` overrides: a pattern without
 * a slash matches the name at any depth, one with a slash is anchored to its base folder, a trailing slash
 * means folders only, a leading `!` negates. Only the path itself is tested, never its parents: a walker
 * that does not descend into ignored folders gets gitignore's parent rule for free, and a search started
 * inside an ignored folder behaves as rg does.
 */
export interface GlobRule {
  negated: boolean;
  dirOnly: boolean;
  matches(relPath: string): boolean;
}

export function compileGlobRule(source: string, options: { braces: boolean; ignoreCase?: boolean }): GlobRule {
  let pattern = source;
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  const dirOnly = pattern.endsWith('/') && pattern.length > 1;
  if (dirOnly) pattern = pattern.slice(0, -1);
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  if (!anchored) pattern = `**/${pattern}`;
  const matcher = lazyPicomatch()(pattern, { dot: true, nobrace: !options.braces, noextglob: true, posix: true, nocase: options.ignoreCase ?? false });
  return { negated, dirOnly, matches: (relPath) => matcher(relPath) };
}

/** The rules of one `.gitignore` file (blank lines, comments and trailing unescaped spaces dropped). */
export function parseGitignore(text: string): GlobRule[] {
  const rules: GlobRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/(?<!\\) +$/, '');
    if (line === '' || line.startsWith('#')) continue;
    rules.push(compileGlobRule(line, { braces: false }));
  }
  return rules;
}

export type Verdict = 'ignore' | 'whitelist' | 'none';

/** Gitignore semantics: the last rule that matches decides; a negated rule re-includes. */
export function gitignoreVerdict(rules: readonly GlobRule[], relPath: string, isDir: boolean): Verdict {
  for (let i = rules.length - 1; i >= 0; i -= 1) {
    const rule = rules[i];
    if (rule.dirOnly && !isDir) continue;
    if (rule.matches(relPath)) return rule.negated ? 'whitelist' : 'ignore';
  }
  return 'none';
}

/**
 * `--glob` overrides, as rg applies them: the meaning is inverted (a plain glob selects, `!glob` excludes),
 * the last match wins, and when any selecting glob exists a file that matches none is left out.
 */
export class GlobOverrides {
  private readonly rules: GlobRule[];
  private readonly hasSelectors: boolean;

  constructor(globs: ReadonlyArray<string | { glob: string; ignoreCase: boolean }>) {
    this.rules = globs.flatMap((entry) => {
      const { glob, ignoreCase } = typeof entry === 'string' ? { glob: entry, ignoreCase: false } : entry;
      return expandBraces(glob).map((one) => compileGlobRule(one, { braces: false, ignoreCase }));
    });
    this.hasSelectors = this.rules.some((rule) => !rule.negated);
  }

  verdict(relPath: string, isDir: boolean): Verdict {
    const seen = gitignoreVerdict(this.rules, relPath, isDir);
    if (seen === 'ignore') return 'whitelist';
    if (seen === 'whitelist') return 'ignore';
    return this.hasSelectors && !isDir ? 'ignore' : 'none';
  }
}

/** `*.{ts,tsx}` -> `*.ts`, `*.tsx` (nested groups too), as rg's glob alternates. */
export function expandBraces(glob: string): string[] {
  const open = findUnescaped(glob, '{', 0);
  if (open === -1) return [glob];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i += 1) {
    const ch = glob[i];
    if (ch === '\\') {
      i += 1;
    } else if (ch === '{') {
      depth += 1;
    } else if (ch === '}') {
      depth -= 1;
      if (depth === 0) {
        const cuts = [open, ...commas, i];
        const head = glob.slice(0, open);
        const tail = glob.slice(i + 1);
        const alternatives = cuts.slice(0, -1).map((cut, k) => glob.slice(cut + 1, cuts[k + 1]));
        return alternatives.flatMap((alt) => expandBraces(head + alt + tail));
      }
    } else if (ch === ',' && depth === 1) {
      commas.push(i);
    }
  }
  return [glob];
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === char) return i;
  }
  return -1;
}
