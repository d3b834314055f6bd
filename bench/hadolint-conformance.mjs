#!/usr/bin/env node
// Agreement with hadolint, case by case: reads hadolint's own rule specifications (`test/Hadolint/Rule/DL*Spec.hs`
// and `test/Hadolint/PragmaSpec.hs`) from a hadolint git repository at a pinned commit, evaluates each assertion's
// Dockerfile with our analyzer, and compares verdicts. The specs are GPL-3.0: they are read at run time from the
// user's copy and never stored in this repository. How the figure is measured: docs/hadolint-conformance.md.
//
// Usage: node bench/hadolint-conformance.mjs [--repo <hadolint git dir>] [--commit <sha>] [--rule DL3040] [--show] [--json]
//   --repo    default: $HADOLINT_REPO, else ../.mirror/hadolint+hadolint/repo beside this checkout
//   --show    print every disagreeing case
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importTs } from './import-ts.mjs';

export const PINNED_COMMIT = '8f936c5e';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values: args } = parseArgs({
  options: {
    repo: { type: 'string', default: process.env.HADOLINT_REPO ?? path.resolve(root, '..', '.mirror', 'hadolint+hadolint', 'repo') },
    commit: { type: 'string', default: PINNED_COMMIT },
    rule: { type: 'string' },
    show: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (!existsSync(args.repo)) {
  console.log(`hadolint-conformance: no hadolint repository at ${args.repo} (--repo or HADOLINT_REPO); nothing to measure`);
  process.exit(0);
}
const git = (...a) => execFileSync('git', ['-C', args.repo, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
const specFiles = git('ls-tree', '-r', '--name-only', args.commit, 'test/Hadolint/')
  .split('\n')
  .filter((f) => /\/Rule\/DL\d+Spec\.hs$/.test(f) || f.endsWith('/PragmaSpec.hs'));

// ---- a tokenizer and evaluator for the small Haskell subset the specs use ----

/** Tokens: {t:'str'|'id'|'num'|'p', v, line, col}. */
export function tokenize(src) {
  const out = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { line++; i++; lineStart = i; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (src.startsWith('--', i) && !/[!#$%&*+./<=>?@\\^|~:]/.test(src[i + 2] ?? '')) { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (src.startsWith('{-', i)) { const end = src.indexOf('-}', i + 2); for (let k = i; k < (end < 0 ? src.length : end + 2); k++) if (src[k] === '\n') { line++; lineStart = k + 1; } i = end < 0 ? src.length : end + 2; continue; }
    const col = i - lineStart;
    if (c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') {
          const n = src[i + 1];
          if (n === 'n') { v += '\n'; i += 2; }
          else if (n === 't') { v += '\t'; i += 2; }
          else if (n === '&') { i += 2; }
          else if (n === ' ' || n === '\n') { // string gap: backslash, whitespace, backslash
            const close = src.indexOf('\\', i + 1);
            for (let k = i; k < close; k++) if (src[k] === '\n') { line++; lineStart = k + 1; }
            i = close + 1;
          } else if (/[0-9]/.test(n)) { const m = /^\d+/.exec(src.slice(i + 1)); v += String.fromCodePoint(Number(m[0])); i += 1 + m[0].length; }
          else { v += n; i += 2; }
        } else v += src[i++];
      }
      i++;
      out.push({ t: 'str', v, line, col });
      continue;
    }
    const id = /^[?A-Za-z_][A-Za-z0-9_'.]*/.exec(src.slice(i, i + 200));
    if (id) { out.push({ t: 'id', v: id[0].replace(/\.$/, ''), line, col }); i += id[0].replace(/\.$/, '').length || 1; continue; }
    const num = /^\d+/.exec(src.slice(i, i + 20));
    if (num) { out.push({ t: 'num', v: Number(num[0]), line, col }); i += num[0].length; continue; }
    const op = /^(==|<>|\+\+|\.|[[\](),=${}<>:|\\-])/.exec(src.slice(i, i + 2));
    out.push({ t: 'p', v: op ? op[0] : c, line, col });
    i += op ? op[0].length : 1;
  }
  return out;
}

const CALLS = new Set(['ruleCatches', 'ruleCatchesNot', 'onBuildRuleCatches', 'onBuildRuleCatchesNot', 'assertChecks', 'assertOnBuildChecks']);
const LABEL_TYPES = { RawText: 'text', Url: 'url', SemVer: 'semver', GitHash: 'hash', Rfc3339: 'rfc3339', Spdx: 'spdx', Email: 'email' };

/** Every assertion of one spec file: {code, text, onBuild, expect: 'some'|number, config, line}. */
export function extractCases(src, file) {
  const toks = tokenize(src);
  const env = new Map();
  const cases = [];
  let fileConfig = { kind: 'default' };
  let config = fileConfig;
  let pos = 0;
  const peek = () => toks[pos];
  const unlines = (list) => list.map((l) => `${l}\n`).join('');

  function atom() {
    const tk = toks[pos];
    if (!tk) return undefined;
    if (tk.t === 'str' || tk.t === 'num') { pos++; return tk.v; }
    if (tk.t === 'p' && tk.v === '[') {
      pos++;
      const items = [];
      while (toks[pos] && !(toks[pos].t === 'p' && toks[pos].v === ']')) {
        if (toks[pos].t === 'p' && toks[pos].v === ',') { pos++; continue; }
        items.push(expr());
      }
      pos++;
      return items;
    }
    if (tk.t === 'p' && tk.v === '(') {
      pos++;
      const items = [];
      while (toks[pos] && !(toks[pos].t === 'p' && toks[pos].v === ')')) {
        if (toks[pos].t === 'p' && toks[pos].v === ',') { pos++; continue; }
        items.push(expr());
      }
      pos++;
      return items.length === 1 ? items[0] : { tuple: items };
    }
    if (tk.t === 'p' && tk.v === '$') { pos++; return expr(); }
    if (tk.t === 'id') {
      pos++;
      if (tk.v === 'Text.unlines' || tk.v === 'unlines') { const a = atom(); return Array.isArray(a) ? unlines(a) : undefined; }
      if (tk.v === 'failsWith') { const n = atom(); const code = atom(); return { failsWith: n, code }; }
      if (tk.v === 'Map.fromList') return { map: atom() };
      if (tk.v in LABEL_TYPES || tk.v.replace(/^Rule\./, '') in LABEL_TYPES) return LABEL_TYPES[tk.v.replace(/^Rule\./, '')];
      if (tk.v === 'True') return true;
      if (tk.v === 'False') return false;
      if (env.has(tk.v)) return env.get(tk.v);
      return { unknown: tk.v };
    }
    pos++;
    return undefined;
  }
  function expr() {
    let v = atom();
    // `a <> b` on strings
    while (toks[pos]?.t === 'p' && toks[pos].v === '<>') { pos++; const b = atom(); v = typeof v === 'string' && typeof b === 'string' ? v + b : undefined; }
    return v;
  }
  function parseConfig() {
    // after `?config =`: def [ { field = value, ... } ]
    const out = { kind: 'default' };
    if (toks[pos]?.v === 'def') pos++;
    if (toks[pos]?.t === 'p' && toks[pos].v === '{') {
      pos++;
      out.kind = 'config';
      while (toks[pos] && !(toks[pos].t === 'p' && toks[pos].v === '}')) {
        if (toks[pos].t === 'id' && toks[pos + 1]?.v === '=') {
          const field = toks[pos].v;
          pos += 2;
          out[field] = expr();
        } else pos++;
      }
      pos++;
    }
    return out;
  }

  while (pos < toks.length) {
    const tk = toks[pos];
    if (tk.t === 'id' && (tk.v === 'it' || tk.v === 'describe')) { config = fileConfig; pos++; continue; }
    if (tk.t === 'id' && tk.v === '?config' && toks[pos + 1]?.v === '=') {
      pos += 2;
      const c = parseConfig();
      if (tk.col <= 6) fileConfig = c; // `  let ?config = …` at the top of `spec`
      config = c;
      continue;
    }
    if (tk.t === 'id' && toks[pos + 1]?.t === 'p' && toks[pos + 1].v === '=' && !CALLS.has(tk.v) && tk.v !== 'spec') {
      pos += 2;
      env.set(tk.v, expr());
      continue;
    }
    if (tk.t === 'id' && CALLS.has(tk.v)) {
      pos++;
      const call = tk.v;
      const onBuild = call.startsWith('onBuild') || call === 'assertOnBuildChecks';
      let code;
      let text;
      let expect;
      if (call.startsWith('assert')) {
        text = atom();
        const f = atom();
        if (f && typeof f === 'object' && 'failsWith' in f) { expect = f.failsWith; code = f.code; }
      } else {
        code = atom();
        text = atom();
        expect = /Not$/.test(call) ? 0 : onBuild ? 1 : 'some';
      }
      const ok = typeof code === 'string' && typeof text === 'string' && expect !== undefined;
      cases.push({ file, line: tk.line, call, code, text, onBuild, expect, config, parsed: ok });
      continue;
    }
    pos++;
  }
  return cases;
}

/** Our config from the spec's Haskell record. */
function ourConfig(c) {
  if (c.kind !== 'config') return {};
  const out = {};
  if (Array.isArray(c.allowedRegistries)) out.trustedRegistries = c.allowedRegistries;
  if (c.labelSchema?.map) out.labelSchema = Object.fromEntries(c.labelSchema.map.map((t) => t.tuple));
  if (c.strictLabels === true) out.strictLabels = true;
  return out;
}

/** hadolint's assertOnBuildChecks: every RUN instruction becomes `ONBUILD RUN`. */
function wrapRunsInOnBuild(text) {
  const lines = text.split('\n');
  let continued = false;
  return lines
    .map((l) => {
      const out = !continued && /^\s*RUN\b/i.test(l) ? l.replace(/^(\s*)/, '$1ONBUILD ') : l;
      continued = /\\\s*$/.test(l);
      return out;
    })
    .join('\n');
}

// ---- run ----
const { 'dockerfile-analyzer': analyzer } = await importTs('hadolint-conformance', { 'dockerfile-analyzer': 'tools/analyzers/dockerfile/index.ts' });
await analyzer.preloadDockerfileAnalyzer();
const offByDefault = new Set(analyzer.dockerfileRules.filter((r) => r.severity === 'ignore').map((r) => r.id));

const all = [];
for (const f of specFiles) all.push(...extractCases(git('show', `${args.commit}:${f}`), path.basename(f)));
const cases = args.rule ? all.filter((c) => c.code === args.rule) : all;
const results = [];
for (const c of cases) {
  if (!c.parsed) { results.push({ ...c, agree: false, got: 'unparsed' }); continue; }
  const text = `${c.onBuild ? wrapRunsInOnBuild(c.text) : c.text}\n`;
  const config = ourConfig(c.config);
  // hadolint runs every rule under its default config; ours keeps a few off by default: turn the one under test on.
  if (offByDefault.has(c.code)) config.override = { info: [c.code] };
  const findings = analyzer.analyzeDockerfileSync(text, { file: 'Dockerfile', config });
  const hits = findings.filter((x) => (x.rule === c.code || x.aliases?.includes(c.code)) && x.line > 0).length;
  const agree = c.expect === 'some' ? hits >= 1 : hits === c.expect;
  results.push({ ...c, agree, got: hits });
}

const tally = (rs) => ({ n: rs.length, agree: rs.filter((r) => r.agree).length });
const def = tally(results.filter((r) => r.config.kind === 'default'));
const cfg = tally(results.filter((r) => r.config.kind === 'config'));
const pct = (t) => (t.n ? ((100 * t.agree) / t.n).toFixed(1) : '-');
if (args.json) {
  console.log(JSON.stringify({ commit: args.commit, default: def, config: cfg, disagreements: results.filter((r) => !r.agree).map(({ file, line, call, code, text, expect, got }) => ({ file, line, call, code, text, expect, got })) }, null, 2));
} else {
  const byRule = new Map();
  for (const r of results) {
    const k = r.code ?? r.file;
    const t = byRule.get(k) ?? { n: 0, agree: 0 };
    t.n++;
    if (r.agree) t.agree++;
    byRule.set(k, t);
  }
  const differing = [...byRule].filter(([, t]) => t.agree < t.n).sort();
  console.log(`hadolint ${args.commit}: ${specFiles.length} spec files, ${results.length} cases`);
  console.log(`default config: ${def.agree}/${def.n} agree (${pct(def)}%)`);
  console.log(`with a config:  ${cfg.agree}/${cfg.n} agree (${pct(cfg)}%)`);
  console.log(`rules with disagreements: ${differing.map(([k, t]) => `${k} ${t.agree}/${t.n}`).join(', ') || 'none'}`);
  if (args.show) {
    for (const r of results.filter((x) => !x.agree)) {
      console.log(`\n${r.file}:${r.line} ${r.call} ${r.code} expect ${r.expect} got ${r.got}${r.config.kind === 'config' ? ' [config]' : ''}\n  ${JSON.stringify(r.text)}`);
    }
  }
}
