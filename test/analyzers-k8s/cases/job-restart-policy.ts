import { bad, docs, good, one, table } from '../helpers.js';

const job = (restartPolicy?: string) => docs({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { ...one(), ...(restartPolicy ? { restartPolicy } : {}) } } } });
const cron = (restartPolicy: string) => docs({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { ...one(), restartPolicy } } } } } });

export default table('K8S-JOB-RESTART-POLICY', [
  bad('Job without restartPolicy (Always is rejected)', job()),
  bad('CronJob with Always', cron('Always')),
  good('Job Never', job('Never')),
  good('CronJob OnFailure', cron('OnFailure')),
]);
