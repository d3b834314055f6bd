import path from 'node:path';
import type { RuleBehavior } from './rules.js';
import { cachedRegExp } from './regexp-cache.js';
import { escapeRegExp } from './rules.js';

export interface PathRuleBase {
  cwd: string;
  home: string;
  /** Folder a `/x` pattern is relative to: the project root for project settings, the cwd for CLI rules. */
  sourceRoot: string;
}

/**
 * Whether a `Read(...)`/`Edit(...)` specifier (gitignore syntax, Claude Code's anchors) covers an absolute path:
 * `//p` absolute, `~/p` home, `/p` relative to the rule's source, `./p` or `p/q` relative to the cwd, a bare name
 * (`.env`) at any depth. As deny or ask, a relative pattern with a slash also matches at any depth (safer); as allow it is
 * anchored at the cwd. A pattern that matches a folder covers everything below it.
 */
export function pathRuleMatches(specifier: string, behavior: RuleBehavior, absPath: string, base: PathRuleBase): boolean {
  const re = cachedRegExp(`path\0${behavior}\0${specifier}\0${base.cwd}\0${base.home}\0${base.sourceRoot}`, () => compilePathPattern(specifier, behavior, base));
  for (let p = absPath; ; p = path.dirname(p)) {
    if (re.test(p)) return true;
    if (p === '/' || p === path.dirname(p)) return false;
  }
}

function compilePathPattern(specifier: string, behavior: RuleBehavior, base: PathRuleBase): RegExp {
  let pat = specifier.trim();
  if (pat.endsWith('/')) pat = `${pat}**`;
  let prefix: string;
  if (pat.startsWith('//')) {
    prefix = '';
    pat = pat.slice(1);
  } else if (pat === '~' || pat.startsWith('~/')) {
    prefix = '';
    pat = base.home + pat.slice(1);
  } else if (pat.startsWith('/')) {
    prefix = '';
    pat = base.sourceRoot.replace(/\/$/, '') + pat;
  } else {
    const explicitRelative = pat.startsWith('./');
    if (explicitRelative) pat = pat.slice(2);
    const bare = !pat.replace(/\/\*\*$/, '').includes('/');
    const anyDepth = !explicitRelative && (bare || behavior !== 'allow');
    prefix = anyDepth ? `${escapeRegExp(base.cwd.replace(/\/$/, ''))}(?:/.*)?/` : `${escapeRegExp(base.cwd.replace(/\/$/, ''))}/`;
  }
  return new RegExp(`^${prefix}${globBody(pat)}$`, 's');
}

function globBody(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += escapeRegExp(ch);
  }
  return out;
}
