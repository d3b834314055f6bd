// Reads kube-score's manifest tests (`score/*_test.go`) into a case table: each assertion names testdata files, a
// check and what kube-score concludes (a grade, or that the check was skipped). Used by
// bench/kube-score-conformance.mjs; the table it writes is test/analyzers-k8s/kube-score/cases.json.
//
// The test files are Go; this reads the few shapes they use, not Go in general:
//   testExpectedScore(t, "<file>", "<Check Name>", scorecard.Grade…)
//   testExpectedScoreWithConfig(t, []ks.NamedReader{testFile("<file>")}, <checks.Config>, &config.RunConfiguration{…}, "<Check Name>", scorecard.Grade…)
//   skipped := wasSkipped(t, []ks.NamedReader{…}, …, "<Check Name>") with assert.True/False(t, skipped), or assert.True(t, wasSkipped(…))
//   testScore(…) followed by `if c.Check.ID == "<id>" { assert.True(t, c.Skipped) … assert.Equal(t, scorecard.Grade…, c.Grade) }`
// and `for _, v := range []string{"a", "b"} { … "cronjob-"+v+"-x.yaml" … }` loops.

const GRADES = { GradeCritical: 'Critical', GradeWarning: 'Warning', GradeAlmostOK: 'AlmostOK', GradeAllOK: 'AllOK', 0: 'Skipped' };

/** kube-score's machineFriendlyName: the check id from its name. */
export const checkId = (name) => name.toLowerCase().replaceAll(' ', '-');

/** What a grade means for us: kube-score flags the object (Critical, Warning) or does not (OK, AlmostOK, skipped). */
export const expectation = (grade) => (grade === 'Critical' || grade === 'Warning' ? 'report' : 'none');

/** The text between the bracket at `open` and its match, and the index after it. */
function balanced(src, open) {
  const pairs = { '(': ')', '{': '}', '[': ']' };
  const stack = [];
  let inStr = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === inStr) inStr = false;
      continue;
    }
    if (c === '"' || c === '`') { inStr = c; continue; }
    if (c in pairs) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return { inner: src.slice(open + 1, i), end: i + 1 };
    }
  }
  return { inner: src.slice(open + 1), end: src.length };
}

/** Top-level comma split. */
function args(s) {
  const out = [];
  let depth = 0;
  let inStr = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      cur += c;
      if (c === '\\') cur += s[++i];
      else if (c === inStr) inStr = false;
      continue;
    }
    if (c === '"' || c === '`') inStr = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) depth--;
    if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A string expression: literals and the loop variable joined by `+`. */
function str(expr, vars) {
  let out = '';
  for (const part of expr.split('+').map((p) => p.trim())) {
    const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(part);
    if (lit) out += lit[1];
    else if (part in vars) out += vars[part];
    else return undefined;
  }
  return out;
}

/** `[]ks.NamedReader{testFile("a"), testFile("b")}` -> file names. */
function files(expr, vars) {
  const out = [];
  for (const m of expr.matchAll(/testFile\(([^)]*)\)/g)) out.push(str(m[1], vars));
  return out.includes(undefined) ? undefined : out;
}

/** `&config.RunConfiguration{…}` / `nil` -> the settings kube-score's checks read. `maps` holds the test's sets. */
function runConfig(expr, maps) {
  const cfg = { kubernetesVersion: '0.0', minReplicasDeployment: 0, minReplicasHpa: 0, ignoreCpuLimit: false, ignoreMemoryLimit: false, enabledOptional: [], useIgnoreAnnotation: false, useOptionalAnnotation: false };
  if (!expr || expr === 'nil') return cfg;
  const v = /KubernetesVersion:\s*config\.Semver\{Major:\s*(\d+),\s*Minor:\s*(\d+)\}/.exec(expr);
  if (v) cfg.kubernetesVersion = `${v[1]}.${v[2]}`;
  const int = (field) => Number(new RegExp(`${field}:\\s*(\\d+)`).exec(expr)?.[1] ?? 0);
  const bool = (field) => new RegExp(`${field}:\\s*true`).test(expr);
  cfg.minReplicasDeployment = int('MinReplicasDeployment');
  cfg.minReplicasHpa = int('MinReplicasHPA');
  cfg.ignoreCpuLimit = bool('IgnoreContainerCpuLimitRequirement');
  cfg.ignoreMemoryLimit = bool('IgnoreContainerMemoryLimitRequirement');
  cfg.useIgnoreAnnotation = bool('UseIgnoreChecksAnnotation');
  cfg.useOptionalAnnotation = bool('UseOptionalChecksAnnotation');
  const set = /EnabledOptionalTests:\s*(\w+)/.exec(expr);
  if (set) cfg.enabledOptional = [...(maps.get(set[1]) ?? [])];
  return cfg;
}

/** Every assertion of one test file. */
export function extractCases(src, sourceFile) {
  const cases = [];
  const lineOf = (i) => src.slice(0, i).split('\n').length;
  for (const fm of src.matchAll(/^func (Test\w+)\(t \*testing\.T\) \{$/gm)) {
    const test = fm[1];
    const bodyStart = fm.index + fm[0].length - 1;
    const { inner: body } = balanced(src, bodyStart);
    const offset = bodyStart + 1;
    // Sets built in the test: `m := make(map[string]struct{})`, `m["id"] = struct{}{}`.
    const maps = new Map();
    for (const m of body.matchAll(/(\w+)\["([^"]+)"\]\s*=\s*struct\{\}\{\}/g)) maps.set(m[1], [...(maps.get(m[1]) ?? []), m[2]]);
    // Loops over string lists: the calls inside run once per value.
    const loops = [];
    for (const m of body.matchAll(/for _, (\w+) := range \[\]string\{([^}]*)\} \{/g)) {
      const { end } = balanced(body, m.index + m[0].length - 1);
      loops.push({ name: m[1], values: [...m[2].matchAll(/"([^"]*)"/g)].map((x) => x[1]), start: m.index, end });
    }
    const varSets = (at) => {
      const loop = loops.find((l) => at > l.start && at < l.end);
      return loop ? loop.values.map((v) => ({ [loop.name]: v })) : [{}];
    };
    const push = (at, c) => cases.push({ test, source: sourceFile, line: lineOf(offset + at), ...c });

    for (const m of body.matchAll(/\b(testExpectedScore|testExpectedScoreWithConfig|wasSkipped)\(/g)) {
      const { inner, end } = balanced(body, m.index + m[0].length - 1);
      const a = args(inner);
      for (const vars of varSets(m.index)) {
        if (m[1] === 'testExpectedScore') {
          const grade = GRADES[a[3].replace('scorecard.', '')];
          const config = runConfig('', maps);
          config.kubernetesVersion = '1.18'; // testExpectedScore's own configuration
          push(m.index, { how: 'grade', files: [str(a[1], vars)], name: str(a[2], vars), grade, config });
        } else if (m[1] === 'testExpectedScoreWithConfig') {
          const grade = GRADES[a[5].replace('scorecard.', '')];
          push(m.index, { how: 'grade', files: files(a[1], vars), name: str(a[4], vars), grade, config: runConfig(a[3], maps) });
        } else {
          // wasSkipped: only an asserted result is a case.
          const before = body.slice(Math.max(0, m.index - 40), m.index);
          let asserted = /assert\.(True|False)\(t,\s*$/.exec(before)?.[1];
          const assigned = /(\w+)\s*:=\s*$/.exec(before)?.[1];
          if (!asserted && assigned) asserted = new RegExp(`assert\\.(True|False)\\(t,\\s*${assigned}\\)`).exec(body.slice(end))?.[1];
          if (!asserted) continue;
          push(m.index, { how: asserted === 'True' ? 'skipped' : 'not-skipped', files: files(a[1], vars), name: str(a[4], vars), grade: asserted === 'True' ? 'Skipped' : undefined, config: runConfig(a[3], maps) });
        }
      }
    }
    // testScore(…) with per-check assertions on the scored objects.
    const ts = /\btestScore\(/.exec(body);
    if (ts && !/func testScore/.test(body)) {
      const { inner } = balanced(body, ts.index + ts[0].length - 1);
      const a = args(inner);
      for (const m of body.matchAll(/c\.Check\.ID == "([^"]+)"\s*\{/g)) {
        const { inner: block } = balanced(body, m.index + m[0].length - 1);
        const skipped = /assert\.(True|False)\(t,\s*c\.Skipped\)/.exec(block)?.[1];
        const g = /assert\.Equal\(t,\s*scorecard\.(\w+),\s*c\.Grade\)/.exec(block)?.[1];
        if (!skipped && !g) continue;
        const grade = skipped === 'True' ? 'Skipped' : g ? GRADES[g] : undefined;
        push(m.index, { how: skipped === 'True' ? 'skipped' : g ? 'grade' : 'not-skipped', files: files(a[0], {}), id: m[1], grade, config: runConfig(a[2], maps) });
      }
    }
  }
  for (const c of cases) {
    c.check = c.id ?? checkId(c.name ?? '');
    delete c.id;
    c.expect = c.grade ? expectation(c.grade) : undefined;
    c.parsed = Boolean(c.files?.length && !c.files.includes(undefined) && c.check && c.grade);
  }
  return cases;
}

/** Cases that say the same thing (same files, check, settings and expectation) count once. */
export function uniqueCases(cases) {
  const seen = new Map();
  for (const c of cases) {
    const key = JSON.stringify([c.files, c.check, c.config, c.expect, c.how === 'skipped']);
    if (!seen.has(key)) seen.set(key, { ...c, also: [] });
    else seen.get(key).also.push(`${c.source}:${c.line} ${c.test}`);
  }
  return [...seen.values()];
}
