// How a Trivy (trivy-checks) Kubernetes case is judged against our analyzer. Shared by the vitest conformance test
// (../trivy-conformance.test.ts, on the committed copy of the cases) and by bench/trivy-conformance.mjs (on a
// trivy-checks repository). The method is described in docs/kubernetes-conformance.md.
import type { Finding } from '../../../tools/analyzers/types.js';

export interface TrivyCase {
  /** Trivy's id of the check (`KSV-0017`): a finding counts for it when it carries that alias. */
  check: string;
  /** Where the case comes from: `checks/kubernetes/<x>_test.rego:<line>`, or the examples file. */
  source: string;
  /** The Rego test (`test_x`, `test_x["table row"]`), or `good[i]` / `bad[i]` of the examples. */
  test: string;
  /** `report`: Trivy's deny fires on the manifest; `none`: it does not. */
  expect: 'report' | 'none';
  /** The manifest (the Rego test's input object, as YAML). */
  yaml: string;
  /** Our options for the test's `with data…` overrides (target Kubernetes version, trusted registries). */
  opts: { targetKubernetesVersion?: string; trustedRegistries?: string[] };
  /** Other tests or examples that say the same thing (they count once). */
  also?: string[];
}

/** The parts of the analyzer the evaluation needs (the bench passes a bundled copy). */
export interface AnalyzerApi {
  analyzeKubernetes(sources: { file: string; text: string }[], opts: Record<string, unknown>): Finding[];
  kubernetesChecks: readonly { id: string; aliases: readonly string[]; optional?: boolean }[];
}

export interface CaseResult {
  case: TrivyCase;
  agree: boolean;
  /** We have no check carrying the KSV id. */
  lacking: boolean;
  /** Our checks whose findings carried the id. */
  fired: string[];
}

/**
 * Runs the checks that carry the case's KSV id (optional ones turned on: Trivy runs all its checks) on its manifest:
 * Trivy fires = some finding carries the id.
 */
export function evaluateCase(c: TrivyCase, api: AnalyzerApi): CaseResult {
  const ours = api.kubernetesChecks.filter((k) => k.aliases.includes(c.check));
  if (ours.length === 0) return { case: c, agree: false, lacking: true, fired: [] };
  const findings = api.analyzeKubernetes([{ file: 'case.yaml', text: c.yaml }], { enable: new Set(ours.map((k) => k.id)), ...c.opts });
  const fired = [...new Set(findings.filter((f) => f.aliases.includes(c.check)).map((f) => f.rule))];
  return { case: c, agree: fired.length > 0 === (c.expect === 'report'), lacking: false, fired };
}

export { tally, type Tally } from '../conformance-tally.js';
