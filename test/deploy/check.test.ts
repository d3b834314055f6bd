/** The service's own deployment files pass our own analyzers: nothing at warning or above. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Report {
  findings: { rule: string; severity: string; file: string; line: number; message: string }[];
  files: { path: string; kind: string }[];
}

describe('docker-expert check deploy/', () => {
  it('reports nothing at warning or above in the Dockerfile, the Compose file and the Kubernetes manifests', async () => {
    const r = await execa('node', [path.join(ROOT, 'bin/docker-expert.js'), 'check', 'deploy/', '--format', 'json', '--failure-threshold', 'warning'], { cwd: ROOT, reject: false });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    expect(r.exitCode).toBe(0);
    // Every file was analyzed as what it is (a file not recognised would pass unchecked).
    expect(report.files).toEqual([
      { path: 'deploy/compose.yaml', kind: 'compose' },
      { path: 'deploy/Dockerfile', kind: 'dockerfile' },
      { path: 'deploy/kubernetes/autoscaling.yaml', kind: 'kubernetes' },
      { path: 'deploy/kubernetes/namespace.yaml', kind: 'kubernetes' },
      { path: 'deploy/kubernetes/network-policy.yaml', kind: 'kubernetes' },
      { path: 'deploy/kubernetes/serve.yaml', kind: 'kubernetes' },
      { path: 'deploy/kubernetes/worker.yaml', kind: 'kubernetes' },
    ]);
    // What is left is the image digest, which a release pins when it publishes the image.
    expect(new Set(report.findings.map((f) => f.rule))).toEqual(new Set(['K8S-IMG-DIGEST']));
  });
});
