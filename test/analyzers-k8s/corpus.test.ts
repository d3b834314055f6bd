import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCompose } from '../../tools/analyzers/compose/index.js';
import { detectKind } from '../../tools/analyzers/detect.js';
import { analyzeKubernetes } from '../../tools/analyzers/kubernetes/index.js';
import type { Finding } from '../../tools/analyzers/types.js';

const CORPUS = path.resolve('..', 'shared', 'corpus');
const present = existsSync(path.join(CORPUS, 'k8s'));
if (!present) console.warn(`[corpus] ${CORPUS} is absent: the corpus tests are skipped`);

function read(sub: string): { file: string; text: string }[] {
  const dir = path.join(CORPUS, sub);
  return readdirSync(dir)
    .sort()
    .map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));
}

function wellFormed(findings: Finding[], lineCounts: Map<string, number>): void {
  for (const f of findings) {
    expect(Number.isInteger(f.line) && f.line >= 1, `${f.file} ${f.rule} line ${f.line}`).toBe(true);
    expect(f.line, `${f.file} ${f.rule}`).toBeLessThanOrEqual((lineCounts.get(f.file) ?? 0) + 1);
    expect(Number.isInteger(f.column) && f.column >= 1).toBe(true);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe.skipIf(!present)('the corpus runs without a crash', () => {
  it('every Kubernetes file, one at a time, gives well-formed findings', () => {
    const files = read('k8s');
    expect(files.length).toBeGreaterThan(1000);
    const lines = new Map(files.map((f) => [f.file, f.text.split('\n').length]));
    let templated = 0;
    for (const f of files) {
      const findings = analyzeKubernetes([f]);
      wellFormed(findings, lines);
      if (findings.some((x) => x.rule === 'YAML-TEMPLATE')) templated++;
    }
    // The kube-score and microservices-demo Helm charts are in the corpus.
    expect(templated).toBeGreaterThan(0);
  });

  it('all Kubernetes files together (one object graph) give well-formed findings', () => {
    const files = read('k8s').filter((f) => detectKind(f.file, f.text) === 'kubernetes');
    const lines = new Map(files.map((f) => [f.file, f.text.split('\n').length]));
    const findings = analyzeKubernetes(files);
    wellFormed(findings, lines);
    expect(new Set(findings.map((f) => f.rule)).size).toBeGreaterThan(40);
  });

  it('every Compose file gives well-formed findings and no schema false positives', () => {
    const files = read('compose');
    const lines = new Map(files.map((f) => [f.file, f.text.split('\n').length]));
    for (const f of files) {
      expect(detectKind(f.file, f.text)).toBe('compose');
      const findings = analyzeCompose(f.text, { file: f.file });
      wellFormed(findings, lines);
      // awesome-compose is maintained by Docker: its files follow the spec.
      expect(findings.filter((x) => x.rule.startsWith('COMPOSE-SCHEMA') || x.rule.startsWith('YAML'))).toEqual([]);
    }
  });

  it('the hardened microservices-demo manifests pass the main security checks', () => {
    const files = read('k8s').filter((f) => f.file.startsWith('GoogleCloudPlatform+microservices-demo__kubernetes-manifests_') && detectKind(f.file, f.text) === 'kubernetes');
    expect(files.length).toBeGreaterThan(5);
    const rules = new Set(analyzeKubernetes(files).map((f) => f.rule));
    for (const id of ['K8S-SEC-PRIVILEGED', 'K8S-SEC-PRIV-ESC', 'K8S-SEC-RO-ROOTFS', 'K8S-SEC-CAP-DROP-ALL', 'K8S-SEC-RUN-AS-ROOT', 'K8S-SCHEMA-FIELD', 'K8S-SCHEMA-TYPE']) expect(rules).not.toContain(id);
  });
});
