#!/usr/bin/env node
// Agreement with Trivy's Kubernetes checks (KSV), case by case: reads the published cases of aquasecurity/trivy-checks
// at a pinned commit and compares verdicts.
//  - `checks/kubernetes/<check>_test.rego`: Rego unit tests that query `deny with input as <manifest>` and assert
//    `count(r) == 0` (must not fire) or `count(r) == 1`, `> 0`, `!= 0` (must fire). The inputs are Rego literals,
//    sometimes built by a helper function, a table (`some name, tc in {…}`) or a comprehension; a small interpreter
//    below evaluates those shapes. `with data.k8s.version as V` and `with data.ksv0125.trusted_registries as [...]`
//    become our options.
//  - `checks/kubernetes/<check>.yaml`: the `kubernetes: good: / bad:` examples (Trivy's integration tests scan them:
//    a good example must not get the check, a bad one must).
// A test file belongs to the check whose Rego package it tests. A case agrees when some finding carries the KSV id
// (`KSV-0017`) as an alias exactly when Trivy's verdict is "fires"; a case whose check we lack counts as a miss.
// Cases that say the same thing (same manifest, check, options, verdict) count once. Deprecated checks (no tests)
// are left out. trivy-checks is MIT (Copyright (c) 2024 Aqua Security): a copy of the cases is committed in
// test/analyzers-k8s/trivy/ with its licence, and is used when no repository is at hand.
// How the figure is measured: docs/kubernetes-conformance.md.
//
// Usage: node bench/trivy-conformance.mjs [--repo <trivy-checks git dir>] [--commit <sha>] [--check KSV-0017] [--show] [--json] [--write-fixture]
//   --repo           default: $TRIVY_CHECKS_REPO, else ../.mirror/aquasecurity+trivy-checks/repo beside this checkout
//   --show           print every disagreeing case
//   --write-fixture  (re)write test/analyzers-k8s/trivy/ (cases.json, LICENSE) from the repository
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importTs } from './import-ts.mjs';
import { parseAllDocuments, stringify } from 'yaml';

export const PINNED_COMMIT = '80e5382269707262f35cf893bdc0805cb72217e9';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fixture = path.join(root, 'test', 'analyzers-k8s', 'trivy');

// ---------------------------------------------------------------------------------------------------------------
// A subset of Rego: enough to evaluate the inputs and count assertions of trivy-checks' Kubernetes tests.

class Unsupported extends Error {}

function tokenize(src) {
  const toks = [];
  let i = 0;
  let line = 1;
  const two = new Set([':=', '==', '!=', '>=', '<=']);
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\n') {
      toks.push({ t: 'nl', line });
      line++;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      toks.push({ t: 'str', v: JSON.parse(src.slice(i, j + 1)), line });
      i = j + 1;
    } else if (ch === '`') {
      const j = src.indexOf('`', i + 1);
      const raw = src.slice(i + 1, j);
      toks.push({ t: 'str', v: raw, line });
      line += raw.split('\n').length - 1;
      i = j + 1;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
      toks.push({ t: 'num', v: Number(m[0]), line });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      toks.push({ t: 'id', v: m[0], line });
      i += m[0].length;
    } else if (two.has(src.slice(i, i + 2))) {
      toks.push({ t: 'op', v: src.slice(i, i + 2), line });
      i += 2;
    } else {
      toks.push({ t: 'op', v: ch, line });
      i++;
    }
  }
  toks.push({ t: 'eof', line });
  return toks;
}

class Parser {
  constructor(src) {
    this.toks = tokenize(src);
    this.i = 0;
  }
  peek(skipNl = false) {
    let j = this.i;
    if (skipNl) while (this.toks[j].t === 'nl') j++;
    return this.toks[j];
  }
  next() {
    return this.toks[this.i++];
  }
  skipNl() {
    while (this.toks[this.i].t === 'nl') this.i++;
  }
  is(v, skipNl = false) {
    const t = this.peek(skipNl);
    return (t.t === 'op' || t.t === 'id') && t.v === v;
  }
  expect(v) {
    this.skipNl();
    const t = this.next();
    if (t.v !== v) throw new Unsupported(`line ${t.line}: expected ${v}, got ${t.v ?? t.t}`);
    return t;
  }
  /** A whole file: its rules (tests, constants, functions). */
  file() {
    const rules = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.t === 'eof') return rules;
      if (t.t === 'id' && (t.v === 'package' || t.v === 'import')) {
        while (this.peek().t !== 'nl' && this.peek().t !== 'eof') this.next();
        continue;
      }
      rules.push(this.rule());
    }
  }
  rule() {
    const nameTok = this.next();
    if (nameTok.t !== 'id') throw new Unsupported(`line ${nameTok.line}: a rule name expected`);
    const rule = { name: nameTok.v, line: nameTok.line, params: undefined, key: undefined, value: undefined, body: undefined };
    if (this.is('(')) {
      this.next();
      rule.params = [];
      while (!this.is(')', true)) {
        this.skipNl();
        rule.params.push(this.next().v);
        if (this.is(',', true)) this.expect(',');
      }
      this.expect(')');
    } else if (this.is('[')) {
      this.next();
      rule.key = this.expr();
      this.expect(']');
    }
    if (this.is('contains')) {
      this.next();
      rule.contains = this.expr();
    }
    if (this.is(':=') || this.is('=')) {
      this.next();
      this.skipNl();
      rule.value = this.expr();
    }
    if (this.is('if')) {
      this.next();
      rule.body = this.block();
    } else if (this.is('{')) {
      rule.body = this.block();
    }
    while (this.is('else', true)) {
      this.skipNl();
      this.next();
      if (this.is(':=') || this.is('=')) {
        this.next();
        this.expr();
      }
      if (this.is('if')) this.next();
      if (this.is('{', true)) this.block();
    }
    return rule;
  }
  /** `{ statement… }`: statements end at a newline or `;` (a `with` on the next line continues one). */
  block() {
    this.expect('{');
    return this.statements('}');
  }
  statements(end) {
    const out = [];
    for (;;) {
      while (this.peek().t === 'nl' || this.is(';')) this.next();
      if (this.is(end)) {
        this.next();
        return out;
      }
      out.push(this.statement());
    }
  }
  statement() {
    const line = this.peek().line;
    if (this.is('some')) {
      this.next();
      const vars = [this.next().v];
      while (this.is(',')) {
        this.next();
        vars.push(this.next().v);
      }
      if (!this.is('in')) return { k: 'declare', vars, line };
      this.next();
      return { k: 'some', vars, coll: this.expr(), line };
    }
    if (this.is('every')) {
      this.next();
      const vars = [this.next().v];
      while (this.is(',')) {
        this.next();
        vars.push(this.next().v);
      }
      this.expect('in');
      const coll = this.expr();
      return { k: 'every', vars, coll, body: this.block(), line };
    }
    if (this.is('not')) {
      this.next();
      return { k: 'not', e: this.expr(), line };
    }
    const lhs = this.expr();
    const t = this.peek();
    if (t.t === 'op' && [':=', '=', '==', '!=', '>', '<', '>=', '<='].includes(t.v)) {
      this.next();
      this.skipNl();
      const rhs = this.expr();
      const withs = [];
      while (this.is('with', true)) {
        this.skipNl();
        this.next();
        const target = this.ref();
        this.expect('as');
        withs.push({ target, value: this.expr() });
      }
      return { k: 'binop', op: t.v, lhs, rhs, withs, line };
    }
    return { k: 'expr', e: lhs, line };
  }
  expr() {
    const t = this.peek();
    if (t.t === 'op' && t.v === '-') {
      this.next();
      return { k: 'neg', e: this.expr() };
    }
    if (t.t === 'str' || t.t === 'num') {
      this.next();
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'id' && (t.v === 'true' || t.v === 'false' || t.v === 'null')) {
      this.next();
      return { k: 'lit', v: JSON.parse(t.v) };
    }
    if (t.t === 'id') return this.ref();
    if (this.is('{')) return this.braces();
    if (this.is('[')) return this.brackets();
    if (this.is('(')) {
      this.next();
      this.skipNl();
      const e = this.expr();
      this.expect(')');
      return e;
    }
    throw new Unsupported(`line ${t.line}: unexpected ${t.v ?? t.t}`);
  }
  /** name(.field | [expr])* or name(args). */
  ref() {
    const head = this.next();
    if (head.t !== 'id') throw new Unsupported(`line ${head.line}: a name expected`);
    let node = { k: 'ref', head: head.v, path: [] };
    for (;;) {
      if (this.is('.')) {
        this.next();
        node.path.push({ k: 'lit', v: this.next().v });
      } else if (this.is('[')) {
        this.next();
        this.skipNl();
        node.path.push(this.expr());
        this.expect(']');
      } else if (this.is('(')) {
        this.next();
        const args = [];
        while (!this.is(')', true)) {
          this.skipNl();
          args.push(this.expr());
          if (this.is(',', true)) this.expect(',');
        }
        this.expect(')');
        node = { k: 'call', fn: [node.head, ...node.path.map((p) => p.v)].join('.'), args };
      } else {
        return node;
      }
    }
  }
  braces() {
    this.expect('{');
    this.skipNl();
    if (this.is('}')) {
      this.next();
      return { k: 'obj', entries: [] };
    }
    const first = this.expr();
    this.skipNl();
    if (this.is(':')) {
      this.next();
      this.skipNl();
      const entries = [[first, this.expr()]];
      for (;;) {
        this.skipNl();
        if (this.is('}')) {
          this.next();
          return { k: 'obj', entries };
        }
        this.expect(',');
        this.skipNl();
        if (this.is('}')) continue;
        const key = this.expr();
        this.expect(':');
        this.skipNl();
        entries.push([key, this.expr()]);
      }
    }
    if (this.is('|')) {
      this.next();
      return { k: 'setcomp', term: first, body: this.statements('}') };
    }
    const items = [first];
    for (;;) {
      this.skipNl();
      if (this.is('}')) {
        this.next();
        return { k: 'set', items };
      }
      this.expect(',');
      this.skipNl();
      if (this.is('}')) continue;
      items.push(this.expr());
    }
  }
  brackets() {
    this.expect('[');
    this.skipNl();
    if (this.is(']')) {
      this.next();
      return { k: 'arr', items: [] };
    }
    const first = this.expr();
    this.skipNl();
    if (this.is('|')) {
      this.next();
      return { k: 'arrcomp', term: first, body: this.statements(']') };
    }
    const items = [first];
    for (;;) {
      this.skipNl();
      if (this.is(']')) {
        this.next();
        return { k: 'arr', items };
      }
      this.expect(',');
      this.skipNl();
      if (this.is(']')) continue;
      items.push(this.expr());
    }
  }
}

const QUERY = Symbol('query');

/** Evaluates a test file's test rules; returns {cases, problems}. */
export function casesOfRegoTests(src) {
  const rules = new Parser(src).file();
  const consts = new Map(rules.filter((r) => !r.params && !r.key && !r.body && r.value && !r.name.startsWith('test_')).map((r) => [r.name, r]));
  const funcs = new Map(rules.filter((r) => r.params && r.value).map((r) => [r.name, r]));

  const evaluate = (node, env) => {
    switch (node.k) {
      case 'lit':
        return node.v;
      case 'neg':
        return -evaluate(node.e, env);
      case 'obj':
        return Object.fromEntries(node.entries.map(([k, v]) => [String(evaluate(k, env)), evaluate(v, env)]));
      case 'arr':
        return node.items.map((x) => evaluate(x, env));
      case 'set': {
        const seen = new Map();
        for (const x of node.items) {
          const v = evaluate(x, env);
          seen.set(JSON.stringify(v), v);
        }
        return [...seen.values()];
      }
      case 'arrcomp':
      case 'setcomp':
        return run(node.body, [env], () => {}).map((e) => evaluate(node.term, e));
      case 'ref': {
        let v;
        if (env.has(node.head)) v = env.get(node.head);
        else if (consts.has(node.head)) v = evaluate(consts.get(node.head).value, new Map());
        else throw new Unsupported(`unknown name ${node.head}`);
        for (const p of node.path) {
          if (v === null || typeof v !== 'object' || v[QUERY]) throw new Unsupported(`cannot index ${node.head}`);
          v = v[evaluate(p, env)];
        }
        if (v === undefined) throw new Unsupported(`undefined ${node.head}`);
        return v;
      }
      case 'call': {
        const f = funcs.get(node.fn);
        if (!f) throw new Unsupported(`unknown function ${node.fn}`);
        const args = node.args.map((a) => evaluate(a, env));
        return evaluate(f.value, new Map(f.params.map((p, i) => [p, args[i]])));
      }
      default:
        throw new Unsupported(`cannot evaluate ${node.k}`);
    }
  };

  /** deny / check.deny / data.builtin…deny: the rule under test. */
  const isDeny = (node) => node.k === 'ref' && (node.head === 'deny' || node.path.at(-1)?.v === 'deny');
  const refName = (node) => [node.head, ...node.path.map((p) => p.v)].join('.');

  /** Runs statements over environments (a `some` multiplies them); `emit(env, query, expect, line)` records a case. */
  function run(stmts, envs, emit) {
    for (const s of stmts) {
      const nextEnvs = [];
      for (const env of envs) {
        if (s.k === 'some') {
          const coll = evaluate(s.coll, env);
          const entries = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : Object.entries(coll);
          for (const [k, v] of entries) {
            const e = new Map(env);
            if (s.vars.length === 2) e.set(s.vars[0], k);
            e.set(s.vars.at(-1), v);
            nextEnvs.push(e);
          }
        } else if (s.k === 'every') {
          const coll = evaluate(s.coll, env);
          const entries = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : Object.entries(coll);
          for (const [k, v] of entries) {
            const e = new Map(env);
            if (s.vars.length === 2) e.set(s.vars[0], k);
            e.set(s.vars.at(-1), v);
            e.set('#every', [...(env.get('#every') ?? []), k]);
            run(s.body, [e], emit);
          }
          nextEnvs.push(env);
        } else if (s.k === 'binop' && (s.op === ':=' || s.op === '=') && s.lhs.k === 'ref' && s.lhs.path.length === 0 && !env.has(s.lhs.head)) {
          const e = new Map(env);
          if (isDeny(s.rhs)) {
            const query = { [QUERY]: true, input: undefined, data: {}, line: s.line };
            for (const w of s.withs) {
              const target = refName(w.target);
              if (target === 'input') query.input = evaluate(w.value, env);
              else if (target.startsWith('data.')) query.data[target.slice(5)] = evaluate(w.value, env);
              else throw new Unsupported(`with ${target} as …: the test replaces a rule of the check itself, not its input`);
            }
            if (query.input === undefined) throw new Unsupported('deny without an input');
            e.set(s.lhs.head, query);
          } else {
            try {
              e.set(s.lhs.head, evaluate(s.rhs, env));
            } catch (err) {
              if (!(err instanceof Unsupported)) throw err;
              e.set(s.lhs.head, { [QUERY]: false });
            }
          }
          nextEnvs.push(e);
        } else {
          const verdict = assertion(s, env);
          if (verdict) emit(env, verdict.query, verdict.expect, verdict.weak);
          nextEnvs.push(env);
        }
      }
      envs = nextEnvs;
    }
    return envs;
  }

  /** `count(r) == 0` and the like on a query: what Trivy's verdict is. */
  function assertion(s, env) {
    let counted;
    let op;
    let n;
    if (s.k === 'binop' && s.lhs.k === 'call' && s.lhs.fn === 'count' && s.lhs.args[0]?.k === 'ref') {
      counted = env.get(s.lhs.args[0].head);
      op = s.op === '=' ? '==' : s.op;
      n = evaluate(s.rhs, env);
    } else if (s.k === 'expr' && s.e.k === 'call' && /(^|\.)assert_count$/.test(s.e.fn) && s.e.args[0]?.k === 'ref') {
      counted = env.get(s.e.args[0].head);
      op = '==';
      n = evaluate(s.e.args[1], env);
    } else if (s.k === 'binop' && s.op === '==' && s.lhs.k === 'ref' && s.lhs.path.length === 2 && s.lhs.path[0].k === 'ref' && s.lhs.path[0].head === '_' && s.lhs.path[1].v === 'msg') {
      // `r[_].msg == "…"` alone: some result has that message, so the check fires.
      const q = env.get(s.lhs.head);
      return q?.[QUERY] ? { query: q, expect: 'report', weak: true } : undefined;
    } else {
      return undefined;
    }
    if (!counted?.[QUERY]) return undefined;
    // count == 0: does not fire; count == N (N > 0), != 0, > 0, >= 1: fires.
    const fires = typeof n !== 'number' ? undefined : { '==': n > 0, '!=': n === 0 ? true : undefined, '>': n >= 0 ? true : undefined, '>=': n >= 1 ? true : undefined }[op];
    if (fires === undefined) throw new Unsupported(`count ${op} ${n}`);
    return { query: counted, expect: fires ? 'report' : 'none' };
  }

  const cases = [];
  const problems = [];
  for (const r of rules.filter((x) => x.name.startsWith('test_') && x.body)) {
    const before = cases.length;
    try {
      // One verdict per query: a count assertion wins over a message one.
      const verdicts = new Map();
      run(r.body, [new Map()], (env, query, expect, weak) => {
        let name = r.name;
        if (r.key) name += `[${JSON.stringify(evaluate(r.key, env))}]`;
        for (const k of env.get('#every') ?? []) name += `#${k}`;
        const seen = verdicts.get(query);
        if (seen && (weak || !seen.weak)) return;
        verdicts.set(query, { weak, c: { test: name, line: query.line, input: query.input, data: query.data, expect } });
      });
      for (const v of verdicts.values()) cases.push(v.c);
      if (cases.length === before) problems.push(`${r.name} (line ${r.line}): no count assertion on a deny query`);
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      cases.length = before;
      problems.push(`${r.name} (line ${r.line}): ${err.message}`);
    }
  }
  return { cases, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// The published cases of the KSV checks.

/** Options of ours that stand for Trivy's `data` overrides. */
function optionsOf(data) {
  const opts = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === 'k8s.version') opts.targetKubernetesVersion = v;
    else if (/^ksv0*\d+\.trusted_registries$/.test(k)) opts.trustedRegistries = v;
    else throw new Unsupported(`data.${k}`);
  }
  return opts;
}

/** The KSV checks (id, file, package, examples) and their cases, read from a trivy-checks repository. */
export function extractCases(git, commit) {
  const files = git('ls-tree', '-r', '--name-only', commit, 'checks/kubernetes/').split('\n').filter(Boolean);
  const checks = new Map();
  for (const f of files.filter((x) => x.endsWith('.rego') && !x.endsWith('_test.rego'))) {
    const src = git('show', `${commit}:${f}`);
    const id = /^#\s+id:\s*(KSV-\d+)\s*$/m.exec(src)?.[1];
    const pkg = /^package\s+(\S+)/m.exec(src)?.[1];
    if (!id || !pkg) continue;
    const examples = /^#\s+examples:\s*(\S+)\s*$/m.exec(src)?.[1];
    checks.set(pkg, { id, file: f, pkg, deprecated: /^#\s+deprecated:\s*true/m.test(src), examples, title: (/^#\s+title:\s*"?(.*?)"?\s*$/m.exec(src)?.[1] ?? '').replace(/\\"/g, '"') });
  }
  const all = [];
  const problems = [];
  // Rego tests: a test file tests the package it is in, or the one it imports as its check.
  for (const f of files.filter((x) => x.endsWith('_test.rego'))) {
    const src = git('show', `${commit}:${f}`);
    const pkg = /^package\s+(\S+)/m.exec(src)?.[1] ?? '';
    const imported = /^import\s+data\.(builtin\.kubernetes\.\S+)\s+as\s+check\s*$/m.exec(src)?.[1];
    const check = checks.get(pkg) ?? checks.get(imported) ?? checks.get(pkg.replace(/_test$/, ''));
    if (!check) continue;
    const { cases, problems: p } = casesOfRegoTests(src);
    for (const x of p) problems.push({ check: check.id, text: `${f}: ${x}` });
    for (const c of cases) {
      try {
        all.push({ check: check.id, source: `${f}:${c.line}`, test: c.test, expect: c.expect, yaml: stringify(c.input), opts: optionsOf(c.data) });
      } catch (err) {
        if (!(err instanceof Unsupported)) throw err;
        problems.push({ check: check.id, text: `${f}: ${c.test}: ${err.message}` });
      }
    }
  }
  // Examples: the file the metadata names, else `<check>.yaml` beside the check (some checks do not name theirs).
  for (const check of checks.values()) {
    const file = check.examples ?? check.file.replace(/\.rego$/, '.yaml');
    if (!files.includes(file)) continue;
    const ex = parseAllDocuments(git('show', `${commit}:${file}`))[0].toJS();
    for (const [which, expect] of [['good', 'none'], ['bad', 'report']]) {
      (ex?.kubernetes?.[which] ?? []).forEach((yaml, i) => all.push({ check: check.id, source: file, test: `${which}[${i}]`, expect, yaml: yaml.endsWith('\n') ? yaml : `${yaml}\n`, opts: {} }));
    }
  }
  return { checks: [...checks.values()], cases: uniqueCases(all), problems };
}

/** Cases with the same manifest (as parsed), check, options and verdict count once. */
export function uniqueCases(cases) {
  const byKey = new Map();
  for (const c of cases) {
    const docs = parseAllDocuments(c.yaml).map((d) => d.toJS());
    const key = JSON.stringify([c.check, c.expect, c.opts, docs]);
    const seen = byKey.get(key);
    if (seen) (seen.also ??= []).push(`${c.source} ${c.test}`);
    else byKey.set(key, { ...c });
  }
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Run.

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

async function main() {
  const { values: args } = parseArgs({
    options: {
      repo: { type: 'string', default: process.env.TRIVY_CHECKS_REPO ?? path.resolve(root, '..', '.mirror', 'aquasecurity+trivy-checks', 'repo') },
      commit: { type: 'string', default: PINNED_COMMIT },
      check: { type: 'string' },
      show: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'write-fixture': { type: 'boolean', default: false },
    },
  });
  let cases;
  let checks;
  let origin;
  /** Tests that are not cases: {check, text}. */
  let skipped;
  if (existsSync(args.repo)) {
    const git = (...a) => execFileSync('git', ['-C', args.repo, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const date = git('show', '-s', '--format=%cs', args.commit).trim();
    const got = extractCases(git, args.commit);
    for (const p of got.problems) console.error(`not a case: ${p.check} ${p.text}`);
    cases = got.cases;
    skipped = got.problems;
    checks = got.checks.filter((c) => !c.deprecated).map(({ id, file, title }) => ({ id, file, title }));
    origin = `trivy-checks ${args.commit.slice(0, 8)} (${date}, ${args.repo})`;
    if (args['write-fixture']) {
      mkdirSync(fixture, { recursive: true });
      writeFileSync(path.join(fixture, 'LICENSE'), git('show', `${args.commit}:LICENSE`));
      const lines = cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n');
      writeFileSync(path.join(fixture, 'cases.json'), `{"source": "https://github.com/aquasecurity/trivy-checks", "commit": "${args.commit}", "date": "${date}",\n "checks": ${JSON.stringify(checks)},\n "skipped": ${JSON.stringify(skipped)},\n "cases": [\n${lines}\n]}\n`);
      console.log(`wrote ${cases.length} cases to ${path.relative(root, fixture)}`);
    }
  } else if (existsSync(path.join(fixture, 'cases.json'))) {
    const saved = JSON.parse(readFileSync(path.join(fixture, 'cases.json'), 'utf8'));
    cases = saved.cases;
    checks = saved.checks;
    skipped = saved.skipped ?? [];
    origin = `trivy-checks ${saved.commit.slice(0, 8)} (committed copy in ${path.relative(root, fixture)})`;
  } else {
    console.log(`trivy-conformance: no trivy-checks repository at ${args.repo} (--repo or TRIVY_CHECKS_REPO) and no committed copy; nothing to measure`);
    process.exit(0);
  }

  const { 'k8s-analyzer': api, conformance } = await importTs('trivy-conformance', { 'k8s-analyzer': 'tools/analyzers/kubernetes/index.ts', conformance: 'test/analyzers-k8s/trivy/conformance.ts' });
  const { evaluateCase, tally } = conformance;

  const selected = args.check ? cases.filter((c) => c.check === args.check) : cases;
  const results = selected.map((c) => evaluateCase(c, api));
  const t = tally(results);
  const pct = (x) => (x.n ? ((100 * x.agree) / x.n).toFixed(1) : '-');
  const withCases = new Set(cases.map((c) => c.check));
  const untested = checks.filter((c) => !withCases.has(c.id)).map((c) => c.id);
  if (args.json) {
    console.log(JSON.stringify({ origin, all: t.all, implemented: t.implemented, byCheck: Object.fromEntries(t.byCheck), untested, skipped, disagreements: results.filter((r) => !r.agree).map((r) => ({ ...r.case, lacking: r.lacking, fired: r.fired })) }, null, 2));
    return;
  }
  console.log(`${origin}: ${results.length} unique cases over ${t.byCheck.size} KSV checks`);
  console.log(`all cases:             ${t.all.agree}/${t.all.n} agree (${pct(t.all)}%)`);
  console.log(`checks we implement:   ${t.implemented.agree}/${t.implemented.n} agree (${pct(t.implemented)}%)`);
  const titles = new Map(checks.map((c) => [c.id, c.title]));
  for (const [check, x] of [...t.byCheck].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    console.log(`  ${check.padEnd(10)} ${String(x.agree).padStart(3)}/${String(x.n).padEnd(3)} ${(titles.get(check) ?? '').slice(0, 70).padEnd(70)}${x.lacking ? '  (no counterpart)' : ''}`);
  }
  if (untested.length) {
    const why = (id) => (skipped.some((p) => p.check === id) ? `${id} (its tests are not cases: ${skipped.filter((p) => p.check === id).length} skipped)` : `${id} (no tests or examples)`);
    console.log(`KSV checks without cases: ${untested.map(why).join(', ')}`);
  }
  if (args.show) {
    for (const r of results.filter((x) => !x.agree)) {
      const c = r.case;
      const opts = Object.keys(c.opts).length ? ` [${JSON.stringify(c.opts)}]` : '';
      console.log(`\n${c.check} ${c.source} ${c.test}: Trivy ${c.expect === 'report' ? 'fires' : 'does not fire'}; ours ${r.lacking ? 'lacks the check' : r.fired.length ? `reports ${r.fired.join(', ')}` : 'reports nothing'}${opts}\n${c.yaml.replace(/^/gm, '    ')}`);
    }
  }
}
