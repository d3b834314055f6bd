// `docker-expert check --target-kubernetes-version`: the CLI passes the version to K8S-API-DEPRECATED.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { command } from '../../cli/commands/check.js';
import { UsageError } from '../../cli/io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'de-k8s-version-'));
writeFileSync(path.join(dir, 'cron.yaml'), 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  startingDeadlineSeconds: 60\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: "i:1"}]\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; findings: { rule: string; severity: string }[] }> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += String(d)));
  const code = await command(['cron.yaml', '--format', 'json', ...args], { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: dir });
  return { code, findings: JSON.parse(text).findings };
}

describe('--target-kubernetes-version', () => {
  const deprecated = (r: { findings: { rule: string; severity: string }[] }) => r.findings.filter((f) => f.rule === 'K8S-API-DEPRECATED').map((f) => f.severity);

  it('defaults to the newest Kubernetes: batch/v1beta1 CronJob is removed', async () => {
    expect(deprecated(await run())).toEqual(['error']);
  });

  it('for 1.23 it is deprecated (a warning), for 1.20 it is the one to use', async () => {
    expect(deprecated(await run('--target-kubernetes-version', '1.23'))).toEqual(['warning']);
    expect(deprecated(await run('--target-kubernetes-version', 'v1.20.4'))).toEqual([]);
  });

  it('rejects what is not a version', async () => {
    await expect(run('--target-kubernetes-version', 'latest')).rejects.toThrow(UsageError);
  });
});
