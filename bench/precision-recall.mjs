#!/usr/bin/env node
// Per-check precision and recall of the Kubernetes checks on the labelled files of ../shared/corpus/k8s:
//  - Polaris `test/checks/<check>/{success,failure}.*.yaml`: the label is in the name; our checks map to a
//    Polaris check through their `polaris:<check>` alias, and a finding gives Polaris's verdict when it carries
//    that alias (checks narrow their aliases per finding where the upstream verdicts differ).
//  - kube-score `score/testdata` and kubesec `test/asset` fixtures: their names say what they hold
//    (`pod-image-tag-latest`, `score-0-daemonset-host-pid`); LABELS below turns names into
//    "this check must / must not fire on this file". Those labels are ours, read off the names.
// A file counts once per check: positive when the check fires anywhere in it.
// Usage: node bench/precision-recall.mjs [--json]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './import-ts.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'k8s');
if (!existsSync(corpus)) {
  console.log(`precision-recall: ${corpus} is absent, nothing to measure`);
  process.exit(0);
}

const { analyzeKubernetes, kubernetesChecks } = (await importTs('precision-recall', { 'k8s-analyzer': 'tools/analyzers/kubernetes/index.ts' }))['k8s-analyzer'];

/** [source, file-name pattern, our check, must fire?] for the kube-score and kubesec fixtures. */
const LABELS = [
  ['kube-score', /pod-image-tag-latest|pullpolicy-undefined-(latest|no)-tag/, 'K8S-IMG-TAG', true],
  ['kube-score', /pod-image-tag-fixed/, 'K8S-IMG-TAG', false],
  ['kube-score', /pod-security-context-privileged/, 'K8S-SEC-PRIVILEGED', true],
  ['kube-score', /pod-security-context-(all-good|high-ids|nosecuritycontext)/, 'K8S-SEC-PRIVILEGED', false],
  ['kube-score', /pod-security-context-low-(user|group)-id/, 'K8S-SEC-HIGH-UID', true],
  ['kube-score', /pod-security-context-(all-good|high-ids)/, 'K8S-SEC-HIGH-UID', false],
  ['kube-score', /pod-security-context-writeablerootfilesystem/, 'K8S-SEC-RO-ROOTFS', true],
  ['kube-score', /pod-security-context-all-good/, 'K8S-SEC-RO-ROOTFS', false],
  ['kube-score', /pod-seccomp-(securecontext|container-securecontext)-warning|pod-seccomp-no-annotation/, 'K8S-SEC-SECCOMP', true],
  ['kube-score', /pod-seccomp-(securecontext|container-securecontext)-ok|pod-seccomp-annotated\.yaml/, 'K8S-SEC-SECCOMP', false],
  ['kube-score', /pod-env-duplicated/, 'K8S-ENV-DUP', true],
  ['kube-score', /pod-env-ok/, 'K8S-ENV-DUP', false],
  ['kube-score', /service-type-nodeport/, 'K8S-SVC-EXPOSURE', true],
  ['kube-score', /service-type-(clusterip|default)/, 'K8S-SVC-EXPOSURE', false],
  ['kube-score', /cronjob-batchv1(beta1)?-deadline-not-set/, 'K8S-CRON-DEADLINE', true],
  ['kube-score', /cronjob-batchv1(beta1)?-deadline-set/, 'K8S-CRON-DEADLINE', false],
  ['kube-score', /cronjob-batchv1(beta1)?-restartpolicy-(invalid|not-set)/, 'K8S-JOB-RESTART-POLICY', true],
  ['kube-score', /cronjob-batchv1(beta1)?-restartpolicy-valid/, 'K8S-JOB-RESTART-POLICY', false],
  ['kube-score', /hpa-min-replicas-nok/, 'K8S-REL-HPA-RANGE', true],
  ['kube-score', /hpa-min-replicas-ok/, 'K8S-REL-HPA-RANGE', false],
  ['kube-score', /hpa-has-no-target/, 'K8S-REF-HPA', true],
  ['kube-score', /hpa-autoscalingv.*-targets-deployment|hpa-target-deployment/, 'K8S-REF-HPA', false],
  ['kube-score', /ingress-(networkingv1(beta1)?-)?targets-service-no-match/, 'K8S-REF-INGRESS', true],
  ['kube-score', /ingress-(networkingv1(beta1)?-)?targets-service\.yaml/, 'K8S-REF-INGRESS', false],
  ['kube-score', /networkpolicy-targets-pod-not-matching/, 'K8S-REF-NETPOL', true],
  ['kube-score', /networkpolicy-targets-(pod|pod-deployment|all-pods)\.yaml/, 'K8S-REF-NETPOL', false],
  ['kube-score', /networkpolicy-(deployment|statefulset|cronjob)-not-matching-selector|networkpolicy-not-matching/, 'K8S-NET-POLICY', true],
  ['kube-score', /networkpolicy-(deployment|statefulset|cronjob)-matching|networkpolicy-matching\.yaml/, 'K8S-NET-POLICY', false],
  ['kube-score', /deployment-with-hpa-has-replicas/, 'K8S-REL-HPA-REPLICAS', true],
  ['kube-score', /deployment-with-hpa-not-has-replicas/, 'K8S-REL-HPA-REPLICAS', false],
  ['kube-score', /(deployment|statefulset)-poddisruptionbudget-v1(beta1)?-(expression-)?no-match|deployment-poddisruptionbudget-v1-different-namespace/, 'K8S-REL-PDB', true],
  ['kube-score', /(deployment|statefulset)-poddisruptionbudget-v1(beta1)?-(expression-)?matches/, 'K8S-REL-PDB', false],
  ['kube-score', /(deployment|statefulset)-poddisruptionbudget-v1(beta1)?-no-policy/, 'K8S-REL-PDB-POLICY', true],
  ['kube-score', /(deployment|statefulset)-poddisruptionbudget-v1(beta1)?-matches/, 'K8S-REL-PDB-POLICY', false],
  ['kube-score', /(deployment|statefulset)-host-antiaffinity-not-set/, 'K8S-REL-SPREAD', true],
  ['kube-score', /(deployment|statefulset)-host-antiaffinity-(required|preffered\.yaml|1-replica)/, 'K8S-REL-SPREAD', false],
  ['kube-score', /service-not-target-(pod|deployment)|service-not-target-pod-multi-label/, 'K8S-REF-SERVICE', true],
  ['kube-score', /service-target-(pod|deployment)(-same-namespace|-multi-label)?\.yaml/, 'K8S-REF-SERVICE', false],
  ['kube-score', /pod-test-resources-none/, 'K8S-RES-REQUESTS', true],
  ['kube-score', /pod-test-resources-limits-and-requests\.yaml/, 'K8S-RES-REQUESTS', false],
  ['kube-score', /pod-test-resources-limits-and-requests(-no-cpu-limit)?\.yaml/, 'K8S-RES-MEM-LIMIT', false],
  ['kube-score', /pod-test-resources-(none|no-limits)\.yaml/, 'K8S-RES-MEM-LIMIT', true],
  ['kube-score', /statefulset-service-name-(not-headless|different-name|different-namespace)/, 'K8S-STS-SERVICE', true],
  ['kube-score', /statefulset-service-name\.yaml/, 'K8S-STS-SERVICE', false],
  ['kube-score', /pod-probes-identical-(http|tcp|exec)/, 'K8S-REL-PROBES-IDENTICAL', true],
  ['kube-score', /pod-probes-both/, 'K8S-REL-PROBES-IDENTICAL', false],
  ['kube-score', /pod-probes-(all-missing|missing-ready)/, 'K8S-REL-READINESS', true],
  ['kube-score', /pod-probes-both/, 'K8S-REL-READINESS', false],
  ['kubesec', /score-0-(daemonset-securitycontext-privileged)/, 'K8S-SEC-PRIVILEGED', true],
  ['kubesec', /score-1-dep-default|score-0-statefulset-no-sec/, 'K8S-SEC-PRIVILEGED', false],
  ['kubesec', /score-0-cap-sys-admin/, 'K8S-SEC-CAP-DANGEROUS', true],
  ['kubesec', /score-0-cap-chown\.yml|score-1-cap-drop-all/, 'K8S-SEC-CAP-DANGEROUS', false],
  ['kubesec', /score-0-cap-chown\.yml/, 'K8S-SEC-CAP-ADDED', true],
  ['kubesec', /score-1-cap-drop-all/, 'K8S-SEC-CAP-ADDED', false],
  ['kubesec', /score-1-cap-drop-all/, 'K8S-SEC-CAP-DROP-ALL', false],
  ['kubesec', /score-1-dep-default/, 'K8S-SEC-CAP-DROP-ALL', true],
  ['kubesec', /score-0-daemonset-host-network/, 'K8S-SEC-HOST-NETWORK', true],
  ['kubesec', /score-0-daemonset-host-pid/, 'K8S-SEC-HOST-PID', true],
  ['kubesec', /score-0-daemonset-(host-pid|mount-docker-socket)/, 'K8S-SEC-HOST-NETWORK', false],
  ['kubesec', /score-0-daemonset-(host-network|mount-docker-socket)/, 'K8S-SEC-HOST-PID', false],
  ['kubesec', /score-0-daemonset-(mount-docker-socket|volume-host-docker-socket)/, 'K8S-SEC-DOCKER-SOCK', true],
  ['kubesec', /score-0-daemonset-host-(pid|network)/, 'K8S-SEC-DOCKER-SOCK', false],
  ['kubesec', /score-0-dep-apparmor-unconfined-/, 'K8S-SEC-APPARMOR', true],
  ['kubesec', /score-1-dep-apparmor-nonunconfined-/, 'K8S-SEC-APPARMOR', false],
  ['kubesec', /score-0-dep-seccomp-(unconfined-(container|spec-securitycontext)|empty-securitycontext)/, 'K8S-SEC-SECCOMP', true],
  ['kubesec', /score-1-dep-seccomp-nonunconfined-(container|spec-securitycontext)/, 'K8S-SEC-SECCOMP', false],
  ['kubesec', /score-1-dep-(pod)?seccon-run-as-(user|group)-1\.yml/, 'K8S-SEC-HIGH-UID', true],
  ['kubesec', /score-1-dep-(pod)?seccon-run-as-(user|group)-10001/, 'K8S-SEC-HIGH-UID', false],
  ['kubesec', /score-1-dep-ro-root-fs/, 'K8S-SEC-RO-ROOTFS', false],
  ['kubesec', /score-1-dep-default/, 'K8S-SEC-RO-ROOTFS', true],
  ['kubesec', /score-1-dep-(pod)?seccon-run-as-non-root/, 'K8S-SEC-RUN-AS-ROOT', false],
  ['kubesec', /score-0-statefulset-no-sec/, 'K8S-SEC-RUN-AS-ROOT', true],
  ['kubesec', /score-1-dep-resource-limit-memory/, 'K8S-RES-MEM-LIMIT', false],
  ['kubesec', /score-1-dep-resource-limit-cpu/, 'K8S-RES-CPU-LIMIT', false],
  ['kubesec', /score-1-dep-default/, 'K8S-RES-MEM-LIMIT', true],
  ['kubesec', /score-1-pod-(automountservicetoken|automount-sa-set-to-false)/, 'K8S-SEC-SA-TOKEN', false],
  ['kubesec', /score-1-pod-default/, 'K8S-SEC-SA-TOKEN', true],
  ['kubesec', /score-[25]-(dep|pod)-serviceaccount/, 'K8S-SEC-DEFAULT-SA', false],
  ['kubesec', /score-1-pod-default/, 'K8S-SEC-DEFAULT-SA', true],
];

const files = readdirSync(corpus).sort();
const polarisByCheck = new Map(); // polaris check -> our checks
for (const c of kubernetesChecks) {
  for (const a of c.aliases) if (a.startsWith('polaris:')) polarisByCheck.set(a.slice(8), [...(polarisByCheck.get(a.slice(8)) ?? []), c.id]);
}

/** rule -> {tp, fp, fn, tn, misses: [], falseAlarms: []} */
const stats = new Map();
const count = (rule, source, file, expected, fired) => {
  const key = `${rule}\t${source}`;
  const s = stats.get(key) ?? { rule, source, tp: 0, fp: 0, fn: 0, tn: 0, misses: [], falseAlarms: [] };
  if (expected && fired) s.tp++;
  else if (expected) (s.fn++, s.misses.push(file));
  else if (fired) (s.fp++, s.falseAlarms.push(file));
  else s.tn++;
  stats.set(key, s);
};

const enable = new Set(kubernetesChecks.filter((c) => c.optional).map((c) => c.id));
const firedIn = new Map();
const times = [];
const fired = (file, alias) => {
  if (!firedIn.has(file)) {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const t0 = performance.now();
    const findings = analyzeKubernetes([{ file, text }], { enable });
    times.push(performance.now() - t0);
    firedIn.set(file, findings);
  }
  return new Set(firedIn.get(file).filter((f) => alias === undefined || f.aliases.includes(alias)).map((f) => f.rule));
};

for (const file of files) {
  const m = /^FairwindsOps\+polaris__test_checks_([A-Za-z]+)_(success|failure)[._]/.exec(file);
  if (m) {
    for (const rule of polarisByCheck.get(m[1]) ?? []) count(rule, 'polaris', file, m[2] === 'failure', fired(file, `polaris:${m[1]}`).has(rule));
    continue;
  }
  const source = file.startsWith('zegl+kube-score__score_testdata_') ? 'kube-score' : file.startsWith('controlplaneio+kubesec__test_asset_') ? 'kubesec' : undefined;
  if (!source) continue;
  for (const [src, re, rule, expected] of LABELS) if (src === source && re.test(file)) count(rule, source, file, expected, fired(file).has(rule));
}

const pct = (n, d) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const rows = [...stats.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.source.localeCompare(b.source));
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(`${'check'.padEnd(26)} ${'labels from'.padEnd(11)}  TP  FP  FN  TN  precision  recall`);
  let tp = 0, fp = 0, fn = 0;
  for (const r of rows) {
    tp += r.tp;
    fp += r.fp;
    fn += r.fn;
    console.log(`${r.rule.padEnd(26)} ${r.source.padEnd(11)} ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)} ${String(r.tn).padStart(3)}  ${pct(r.tp, r.tp + r.fp)}    ${pct(r.tp, r.tp + r.fn)}`);
  }
  console.log(`${'all'.padEnd(38)} ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)}       ${pct(tp, tp + fp)}    ${pct(tp, tp + fn)}`);
  times.sort((a, b) => a - b);
  console.log(`\n${rows.length} (check, source) pairs over ${times.length} labelled files; analysis median ${times[Math.floor(times.length / 2)].toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms per file`);
  const worst = rows.filter((r) => r.fp || r.fn);
  if (worst.length && process.argv.includes('--why')) {
    for (const r of worst) {
      for (const f of r.falseAlarms) console.log(`  FP ${r.rule}: ${f}`);
      for (const f of r.misses) console.log(`  FN ${r.rule}: ${f}`);
    }
  }
}
