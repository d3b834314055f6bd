import { containerIssue, describeContainer, isRecord } from '../model.js';
import type { Json, K8sCheck } from '../types.js';

/** An IntOrString port as kube-score compares HTTP ports (`IntValue()`: a name counts as 0). */
const intValue = (port: Json): number => (typeof port === 'number' ? port : /^\d+$/.test(String(port)) ? Number(port) : 0);

/**
 * kube-score's comparison: the same HTTP path and port, the same TCP port, or the same exec command. Timings,
 * thresholds and headers do not count: the endpoint is what makes the two probes fail together.
 */
export function sameProbe(readiness: Json, liveness: Json): boolean {
  if (!isRecord(readiness) || !isRecord(liveness)) return false;
  if (isRecord(readiness.httpGet) && isRecord(liveness.httpGet)) {
    return (readiness.httpGet.path ?? '') === (liveness.httpGet.path ?? '') && intValue(readiness.httpGet.port) === intValue(liveness.httpGet.port);
  }
  if (isRecord(readiness.tcpSocket) && isRecord(liveness.tcpSocket)) return String(readiness.tcpSocket.port) === String(liveness.tcpSocket.port) && typeof readiness.tcpSocket.port === typeof liveness.tcpSocket.port;
  if (isRecord(readiness.exec) && isRecord(liveness.exec)) {
    const a = Array.isArray(readiness.exec.command) ? readiness.exec.command : [];
    const b = Array.isArray(liveness.exec.command) ? liveness.exec.command : [];
    return a.length === b.length && a.every((x: Json, i: number) => x === b[i]);
  }
  return false;
}

export const check: K8sCheck = {
  id: 'K8S-REL-PROBES-IDENTICAL',
  severity: 'warning',
  title: 'livenessProbe identical to readinessProbe',
  aliases: ['kube-score:pod-probes-identical'],
  helpUri: 'https://github.com/zegl/kube-score/blob/master/README_PROBES.md',
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.kind !== 'ephemeralContainers' && !['Job', 'CronJob'].includes(c.pod.object.kind) && sameProbe(c.container.readinessProbe, c.container.livenessProbe))
      .map((c) => containerIssue(c, ['livenessProbe'], `${describeContainer(c)} probes the same endpoint for liveness and readiness: a slow moment then restarts it instead of only taking it out of rotation`)),
};
