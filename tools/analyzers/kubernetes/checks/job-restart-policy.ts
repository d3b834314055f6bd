import { describe, podIssue } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-JOB-RESTART-POLICY',
  severity: 'error',
  title: 'Job or CronJob pod restartPolicy is not OnFailure or Never',
  aliases: ['kube-score:cronjob-restartpolicy'],
  check: (ctx) =>
    ctx.pods
      .filter((p) => (p.object.kind === 'Job' || p.object.kind === 'CronJob') && p.spec.restartPolicy !== 'OnFailure' && p.spec.restartPolicy !== 'Never')
      .map((p) => podIssue(p, ['restartPolicy'], `${describe(p.object)} pod restartPolicy is ${String(p.spec.restartPolicy ?? 'unset (Always)')}: Jobs need OnFailure or Never`)),
};
