// The Rego reader of bench/trivy-conformance.mjs: which of trivy-checks' test shapes become cases, with which verdict.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs bench module without types
import { casesOfRegoTests } from '../../bench/trivy-conformance.mjs';

interface Extracted {
  cases: { test: string; input: Record<string, unknown>; data: Record<string, unknown>; expect: 'report' | 'none' }[];
  problems: string[];
}
const read = (src: string) => casesOfRegoTests(src) as Extracted;

describe('trivy-checks Rego tests as cases', () => {
  it('a literal input with count assertions', () => {
    const { cases, problems } = read(`package builtin.kubernetes.KSV008

import rego.v1

test_denied if {
	r := deny with input as {
		"apiVersion": "v1",
		"kind": "Pod",
		"metadata": {"name": "p"}, # a comment
		"spec": {"hostIPC": true, "containers": [{"name": "c", "image": "busybox"}]},
	}

	count(r) == 1
	r[_].msg == "Pod 'p' should not set 'spec.template.spec.hostIPC' to true"
}

test_allowed if {
	r := deny with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {}}
	count(r) == 0
}

test_fires if {
	res := deny with input as {"kind": "Pod", "spec": {"hostIPC": true}}
	count(res) > 0
}
`);
    expect(problems).toEqual([]);
    expect(cases.map((c) => [c.test, c.expect])).toEqual([['test_denied', 'report'], ['test_allowed', 'none'], ['test_fires', 'report']]);
    expect(cases[0].input).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostIPC: true, containers: [{ name: 'c', image: 'busybox' }] } });
  });

  it('a message assertion alone means the check fires; count wins over it', () => {
    const { cases } = read(`package p
test_msg_only if {
	r := deny with input as {"kind": "NetworkPolicy", "spec": {}}
	r[_].msg == "Network policy should uses podSelector"
}
test_both if {
	r := deny with input as {"kind": "NetworkPolicy", "spec": {"podSelector": {}}}
	r[_].msg == "x"
	count(r) == 0
}
`);
    expect(cases.map((c) => [c.test, c.expect])).toEqual([['test_msg_only', 'report'], ['test_both', 'none']]);
  });

  it('helper functions, tables, and data overrides', () => {
    const { cases, problems } = read(`package p
build_pod(sc) := {"kind": "Pod", "spec": {"securityContext": sc, "containers": []}}

test_table[name] if {
	some name, tc in {
		"unsafe": {"sysctl": "kernel.msgmax", "expected": 1},
		"safe": {"sysctl": "kernel.shm_rmid_forced", "expected": 0},
	}
	r := deny with input as build_pod({"sysctls": [{"name": tc.sysctl}]})
		with data.k8s.version as "1.29.0"
	count(r) == tc.expected
}
`);
    expect(problems).toEqual([]);
    expect(cases.map((c) => [c.test, c.expect, c.data])).toEqual([
      ['test_table["unsafe"]', 'report', { 'k8s.version': '1.29.0' }],
      ['test_table["safe"]', 'none', { 'k8s.version': '1.29.0' }],
    ]);
    expect(cases[0].input).toEqual({ kind: 'Pod', spec: { securityContext: { sysctls: [{ name: 'kernel.msgmax' }] }, containers: [] } });
  });

  it('comprehensions over a set and every', () => {
    const { cases } = read(`package p
bad := {"ubuntu", "myregistry.io"}
test_bad if {
	cases := [{"kind": "K8sAllowedRepos", "spec": {"parameters": {"repos": [repo]}}} | some repo in bad]
	every case in cases {
		r := deny with input as case
		count(r) > 0
	}
}
`);
    expect(cases.map((c) => [c.test, c.expect, (c.input.spec as { parameters: { repos: string[] } }).parameters.repos[0]])).toEqual([
      ['test_bad#0', 'report', 'ubuntu'],
      ['test_bad#1', 'report', 'myregistry.io'],
    ]);
  });

  it('a test that replaces a rule of the check is not a case', () => {
    const { cases, problems } = read(`package p
mock := {"batch/v1": {"Job": {}}}
test_mocked if {
	r := deny with input as {"apiVersion": "batch/v1", "kind": "Job"}
		with recommendedVersions as mock
	count(r) > 0
}
test_no_assertion if {
	r := deny with input as {"kind": "Pod"}
}
`);
    expect(cases).toEqual([]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/test_mocked .*recommendedVersions/);
    expect(problems[1]).toMatch(/test_no_assertion .*no count assertion/);
  });
});
