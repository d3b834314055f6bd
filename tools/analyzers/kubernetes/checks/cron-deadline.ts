import { describe } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-CRON-DEADLINE',
  severity: 'info',
  title: 'CronJob without startingDeadlineSeconds',
  aliases: ['kube-score:cronjob-has-deadline'],
  helpUri: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/',
  check: (ctx) =>
    ctx.objects
      .filter((o) => o.kind === 'CronJob' && typeof o.value.spec?.startingDeadlineSeconds !== 'number')
      .map((o) => ({ object: o, path: ['spec', 'startingDeadlineSeconds'], message: `${describe(o)} has no startingDeadlineSeconds: after 100 missed schedules it stops starting jobs` })),
};
