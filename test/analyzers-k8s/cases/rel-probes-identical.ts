import { bad, docs, good, one, pod, table } from '../helpers.js';

const http = (path: string, port: number | string, extra: Record<string, unknown> = {}) => ({ httpGet: { path, port }, ...extra });

export default table('K8S-REL-PROBES-IDENTICAL', [
  bad('the same HTTP probe', pod(one({ readinessProbe: http('/health', 8080), livenessProbe: http('/health', 8080) }))),
  bad('the same endpoint with other timings', pod(one({ readinessProbe: http('/health', 8080, { periodSeconds: 5 }), livenessProbe: http('/health', 8080, { periodSeconds: 30, failureThreshold: 5 }) }))),
  bad('the same TCP port', pod(one({ readinessProbe: { tcpSocket: { port: 5432 } }, livenessProbe: { tcpSocket: { port: 5432 } } }))),
  bad('the same command', pod(one({ readinessProbe: { exec: { command: ['pg_isready'] } }, livenessProbe: { exec: { command: ['pg_isready'] } } }))),
  good('different paths', pod(one({ readinessProbe: http('/ready', 8080), livenessProbe: http('/live', 8080) }))),
  good('an HTTP and a TCP probe', pod(one({ readinessProbe: http('/ready', 8080), livenessProbe: { tcpSocket: { port: 8080 } } }))),
  good('one probe only', pod(one({ readinessProbe: http('/ready', 8080) }))),
  good('different commands', pod(one({ readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } }, livenessProbe: { exec: { command: ['cat', '/tmp/alive'] } } }))),
  good('Jobs are not judged', docs({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { ...one({ readinessProbe: http('/h', 1), livenessProbe: http('/h', 1) }), restartPolicy: 'Never' } } } })),
]);
