import { describe, expect, it } from 'vitest';
import { pathRuleMatches } from '../../permissions/path-rule.js';
import { cachedRegExp, MAX_ENTRIES } from '../../permissions/regexp-cache.js';

describe('compiled rule patterns', () => {
  it('compiles a key once, and starts over instead of holding more than MAX_ENTRIES', () => {
    let compiles = 0;
    const compile = () => (compiles++, /x/);
    const first = cachedRegExp('cache-test:a', compile);
    expect(cachedRegExp('cache-test:a', compile)).toBe(first);
    expect(compiles).toBe(1);
    for (let i = 0; i < MAX_ENTRIES; i++) cachedRegExp(`cache-test:fill-${i}`, () => /y/);
    expect(cachedRegExp('cache-test:a', compile)).not.toBe(first);
    expect(compiles).toBe(2);
  });

  it('a path rule is keyed by everything its pattern depends on (the same specifier from another root is another pattern)', () => {
    const base = { cwd: '/p', home: '/h', sourceRoot: '/p' };
    expect(pathRuleMatches('/secrets/**', 'deny', '/p/secrets/k', base)).toBe(true);
    expect(pathRuleMatches('/secrets/**', 'deny', '/p/secrets/k', { ...base, sourceRoot: '/q' })).toBe(false);
    expect(pathRuleMatches('/secrets/**', 'deny', '/q/secrets/k', { ...base, sourceRoot: '/q' })).toBe(true);
    expect(pathRuleMatches('~/x', 'deny', '/h/x', base)).toBe(true);
    expect(pathRuleMatches('~/x', 'deny', '/h/x', { ...base, home: '/g' })).toBe(false);
    expect(pathRuleMatches('a/b', 'allow', '/p/z/a/b', base)).toBe(false);
    expect(pathRuleMatches('a/b', 'deny', '/p/z/a/b', base)).toBe(true);
  });
});
