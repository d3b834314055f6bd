import { bad, docs, good, one, table } from '../helpers.js';

const cron = (spec: Record<string, unknown>) => docs({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { ...one(), restartPolicy: 'OnFailure' } } } }, ...spec } });

export default table('K8S-CRON-DEADLINE', [
  bad('no startingDeadlineSeconds', cron({})),
  good('startingDeadlineSeconds set', cron({ startingDeadlineSeconds: 200 })),
]);
