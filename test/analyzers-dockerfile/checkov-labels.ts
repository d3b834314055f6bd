// Checkov's Dockerfile test fixtures in the corpus are labelled by their path:
// `..._checks_example_<Check>_{success,failure}...` and `..._resources_<Check>_{pass,fail}...`.
// This maps each Checkov check to its CKV id so our findings (which carry CKV ids in `aliases`) can be scored.
import type { Finding } from '../../tools/analyzers/types.js';

export const CHECKOV_CHECKS: Record<string, string> = {
  ExposePort22: 'CKV_DOCKER_1',
  HealthcheckExists: 'CKV_DOCKER_2',
  UserExists: 'CKV_DOCKER_3',
  AddExists: 'CKV_DOCKER_4',
  UpdateNotAlone: 'CKV_DOCKER_5',
  MaintainerExists: 'CKV_DOCKER_6',
  ReferenceLatestTag: 'CKV_DOCKER_7',
  RootUser: 'CKV_DOCKER_8',
  RunUsingAPT: 'CKV_DOCKER_9',
  WorkdirIsAbsolute: 'CKV_DOCKER_10',
  AliasIsUnique: 'CKV_DOCKER_11',
  RunUsingSudo: 'CKV2_DOCKER_1',
  RunUnsafeCurl: 'CKV2_DOCKER_2',
  RunUnsafeWget: 'CKV2_DOCKER_3',
  RunPipTrustedHost: 'CKV2_DOCKER_4',
  EnvPythonHttpsVerify: 'CKV2_DOCKER_5',
  EnvNodeTlsRejectUnauthorized: 'CKV2_DOCKER_6',
  RunApkAllowUntrusted: 'CKV2_DOCKER_7',
  RunAptGetAllowUnauthenticated: 'CKV2_DOCKER_8',
  RunYumNoGpgCheck: 'CKV2_DOCKER_9',
  RunRpmNoSignature: 'CKV2_DOCKER_10',
  RunAptGetForceYes: 'CKV2_DOCKER_11',
  EnvNpmConfigStrictSsl: 'CKV2_DOCKER_12',
  RunNpmConfigSetStrictSsl: 'CKV2_DOCKER_13',
  EnvGitSslNoVerify: 'CKV2_DOCKER_14',
  RunYumConfigManagerSslVerify: 'CKV2_DOCKER_15',
  EnvPipTrustedHost: 'CKV2_DOCKER_16',
  RunChpasswd: 'CKV2_DOCKER_17',
};

export interface Labelled {
  check: string;
  ckv: string;
  failure: boolean;
}

/** The Checkov label of a corpus file name, if it is one of Checkov's labelled fixtures. */
export function checkovLabel(name: string): Labelled | undefined {
  const m = /^bridgecrewio\+checkov__tests_dockerfile_(?:checks_example|graph_builder_checks_resources)_([A-Za-z0-9]+)_(success|failure|pass|fail)(?=[_.]|$)/.exec(name);
  if (!m || !CHECKOV_CHECKS[m[1]]) return undefined;
  return { check: m[1], ckv: CHECKOV_CHECKS[m[1]], failure: m[2] === 'failure' || m[2] === 'fail' };
}

export interface CheckScore {
  check: string;
  ckv: string;
  rules: string[];
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}

/** Per-check precision and recall, a file counting as flagged when a finding lists the check's CKV id. */
export function scoreCheckov(results: { name: string; findings: Finding[] }[]): CheckScore[] {
  const scores = new Map<string, CheckScore>();
  for (const { name, findings } of results) {
    const label = checkovLabel(name);
    if (!label) continue;
    const s = scores.get(label.check) ?? { check: label.check, ckv: label.ckv, rules: [], tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0 };
    scores.set(label.check, s);
    const hits = findings.filter((f) => f.aliases.includes(label.ckv));
    for (const h of hits) if (!s.rules.includes(h.rule)) s.rules.push(h.rule);
    const flagged = hits.length > 0;
    if (label.failure && flagged) s.tp++;
    else if (label.failure) s.fn++;
    else if (flagged) s.fp++;
    else s.tn++;
  }
  for (const s of scores.values()) {
    s.precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    s.recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  }
  return [...scores.values()].sort((a, b) => a.ckv.localeCompare(b.ckv, 'en', { numeric: true }));
}

export function formatScores(scores: CheckScore[]): string {
  const rows = scores.map((s) => `| ${s.ckv} | ${s.check} | ${s.rules.join(', ') || '-'} | ${s.tp} | ${s.fp} | ${s.fn} | ${s.tn} | ${s.precision.toFixed(2)} | ${s.recall.toFixed(2)} |`);
  const tp = scores.reduce((a, s) => a + s.tp, 0);
  const fp = scores.reduce((a, s) => a + s.fp, 0);
  const fn = scores.reduce((a, s) => a + s.fn, 0);
  return [
    '| Checkov id | check | our rules | TP | FP | FN | TN | precision | recall |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    `| all | | | ${tp} | ${fp} | ${fn} | | ${(tp / Math.max(1, tp + fp)).toFixed(2)} | ${(tp / Math.max(1, tp + fn)).toFixed(2)} |`,
  ].join('\n');
}
