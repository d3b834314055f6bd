// How a kube-score test case is judged against our analyzer. Shared by the vitest conformance test
// (../kube-score-conformance.test.ts, on the committed copy of kube-score's testdata) and by
// bench/kube-score-conformance.mjs (on a kube-score checkout). The method is described in docs/kubernetes-conformance.md.
import type { Finding } from '../../../tools/analyzers/types.js';

/** The settings of kube-score's `config.RunConfiguration` that its checks read. */
export interface KubeScoreRunConfig {
  /** `major.minor`; `0.0` when the test leaves it unset (then no apiVersion counts as deprecated). */
  kubernetesVersion: string;
  minReplicasDeployment: number;
  minReplicasHpa: number;
  ignoreCpuLimit: boolean;
  ignoreMemoryLimit: boolean;
  /** kube-score check ids turned on like `--enable-optional-test`. */
  enabledOptional: string[];
  /** Whether `kube-score/ignore` annotations count (the tests leave it off unless they test it). */
  useIgnoreAnnotation: boolean;
  /** Whether `kube-score/enable` annotations count. */
  useOptionalAnnotation: boolean;
}

export interface KubeScoreCase {
  test: string;
  source: string;
  line: number;
  /** `grade`: the test asserts the check's grade; `skipped`: it asserts the check was skipped (not applicable). */
  how: 'grade' | 'skipped' | 'not-skipped';
  files: string[];
  /** kube-score check id (`container-resources`). */
  check: string;
  grade?: 'Critical' | 'Warning' | 'AlmostOK' | 'AllOK' | 'Skipped';
  /** Critical/Warning: we must report the check; OK, AlmostOK or skipped: we must not. */
  expect?: 'report' | 'none';
  config: KubeScoreRunConfig;
  parsed: boolean;
  /** Other assertions of the same case (they count once). */
  also?: string[];
}

/** The parts of the analyzer the evaluation needs (the bench passes a bundled copy). */
export interface AnalyzerApi {
  analyzeKubernetes(sources: { file: string; text: string }[], opts: Record<string, unknown>): Finding[];
  kubernetesChecks: readonly { id: string; aliases: readonly string[]; optional?: boolean }[];
}

export interface CaseResult {
  case: KubeScoreCase;
  agree: boolean;
  /** We have no check carrying `kube-score:<check>`. */
  lacking: boolean;
  /** Our checks for it that fired. */
  fired: string[];
}

/** kube-score's `--ignore-container-cpu-limit` / `--ignore-container-memory-limit` leave out these parts of container-resources. */
const CPU_LIMIT = 'K8S-RES-CPU-LIMIT';
const MEMORY_LIMIT = 'K8S-RES-MEM-LIMIT';

export function evaluateCase(c: KubeScoreCase, read: (file: string) => string, api: AnalyzerApi): CaseResult {
  const alias = `kube-score:${c.check}`;
  const ours = api.kubernetesChecks.filter((k) => k.aliases.includes(alias));
  if (ours.length === 0) return { case: c, agree: false, lacking: true, fired: [] };
  const byAlias = (id: string) => api.kubernetesChecks.filter((k) => k.aliases.includes(`kube-score:${id}`)).map((k) => k.id);
  const enable = new Set(c.config.enabledOptional.flatMap(byAlias));
  // kube-score grades an optional check whether or not it is enabled (enabling only decides whether the grade
  // counts): a test of its grade is a test of the check's logic, so the check under test is turned on.
  if (c.how === 'grade') for (const k of ours) enable.add(k.id);
  const findings = api.analyzeKubernetes(
    c.files.map((file) => ({ file, text: read(file) })),
    {
      enable,
      targetKubernetesVersion: c.config.kubernetesVersion,
      minReplicasDeployment: c.config.minReplicasDeployment,
      minReplicasHpa: c.config.minReplicasHpa,
      // A grade is computed before annotations are looked at; whether a check was skipped depends on them.
      kubeScoreAnnotations: c.how === 'grade' ? { ignore: false, enable: false } : { ignore: c.config.useIgnoreAnnotation, enable: c.config.useOptionalAnnotation },
    },
  );
  const left = new Set<string>();
  if (c.config.ignoreCpuLimit) left.add(CPU_LIMIT);
  if (c.config.ignoreMemoryLimit) left.add(MEMORY_LIMIT);
  const ids = new Set(ours.map((k) => k.id).filter((id) => !left.has(id)));
  // A finding gives kube-score's verdict when it carries the alias: checks narrow their aliases per finding.
  const fired = [...new Set(findings.filter((f) => ids.has(f.rule) && f.aliases.includes(alias)).map((f) => f.rule))];
  const reported = fired.length > 0;
  return { case: c, agree: reported === (c.expect === 'report'), lacking: false, fired };
}

export { tally, type Tally } from '../conformance-tally.js';
