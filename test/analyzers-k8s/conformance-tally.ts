/** Agreement counts shared by the kube-score and Trivy conformance runs (test and bench). */
export interface Tally {
  n: number;
  agree: number;
}

/** One case's verdict: its peer check, whether we agree, and whether we lack the check altogether. */
export interface TalliedResult {
  case: { check: string };
  agree: boolean;
  lacking: boolean;
}

export function tally(results: TalliedResult[]): { all: Tally; implemented: Tally; byCheck: Map<string, Tally & { lacking: boolean }> } {
  const byCheck = new Map<string, Tally & { lacking: boolean }>();
  for (const r of results) {
    const t = byCheck.get(r.case.check) ?? { n: 0, agree: 0, lacking: r.lacking };
    t.n++;
    if (r.agree) t.agree++;
    byCheck.set(r.case.check, t);
  }
  const count = (rs: TalliedResult[]): Tally => ({ n: rs.length, agree: rs.filter((r) => r.agree).length });
  return { all: count(results), implemented: count(results.filter((r) => !r.lacking)), byCheck };
}
