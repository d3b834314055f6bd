import { stringify } from 'yaml';
import { imageRef } from './compose.js';
import { planContainer } from './generate-dockerfile.js';
import type { GenerateOptions } from './options.js';
import type { ContainerPlan, GeneratedFile } from './plan.js';
import type { StackInfo } from './stack.js';

/** Replicas of the Deployment: two, so a PodDisruptionBudget of one still allows node drains. */
export const DEFAULT_REPLICAS = 2;
/** Port the Service exposes inside the cluster. */
export const SERVICE_PORT = 80;
/** Size cap of each emptyDir that stands in for a writable path. */
export const EMPTYDIR_SIZE_LIMIT = '64Mi';

export interface KubernetesOptions extends GenerateOptions {
  /** Sets metadata.namespace on every object (default: none, so `kubectl -n` decides). */
  namespace?: string;
  replicas?: number;
}

export interface GeneratedKubernetes {
  /** All objects in one multi-document file (cross-object checks see them together). */
  manifest: string;
  files: GeneratedFile[];
  notes: string[];
}

function volumeName(path: string): string {
  return `rw${path.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.replace(/-+$/, '').slice(0, 63);
}

function objects(plan: ContainerPlan, opts: KubernetesOptions): Record<string, unknown>[] {
  const name = plan.stack.name;
  const labels = { 'app.kubernetes.io/name': name };
  const meta = (extra: Record<string, unknown> = {}) => ({
    name,
    ...(opts.namespace ? { namespace: opts.namespace } : {}),
    labels: { ...labels, ...(plan.stack.appVersion ? { 'app.kubernetes.io/version': plan.stack.appVersion } : {}) },
    ...extra,
  });
  const replicas = opts.replicas ?? DEFAULT_REPLICAS;
  if (!Number.isInteger(replicas) || replicas < 1) throw new RangeError(`replicas ${replicas}: must be a positive integer`);
  const service = plan.port !== undefined;

  const container: Record<string, unknown> = {
    name,
    image: imageRef(plan.stack, opts),
    imagePullPolicy: 'IfNotPresent',
    ...(service ? { ports: [{ name: 'http', containerPort: plan.port, protocol: 'TCP' }] } : {}),
    // The rest of the environment is baked into the image.
    env: service ? [{ name: 'PORT', value: String(plan.port) }] : [],
    resources: {
      requests: { cpu: '100m', memory: `${Math.round(plan.memoryMiB / 2)}Mi`, 'ephemeral-storage': '64Mi' },
      limits: { cpu: `${Math.round(plan.cpus * 1000)}m`, memory: `${plan.memoryMiB}Mi`, 'ephemeral-storage': '256Mi' },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: plan.uid,
      runAsGroup: plan.uid,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: plan.writablePaths.map((p) => ({ name: volumeName(p), mountPath: p })),
  };
  if (service) {
    // No route to ask for: a TCP connect, never an invented path.
    const probe = { ...(plan.healthPath ? { httpGet: { path: plan.healthPath, port: 'http' } } : { tcpSocket: { port: 'http' } }), timeoutSeconds: 3 };
    container.startupProbe = { ...probe, periodSeconds: 5, failureThreshold: Math.max(6, Math.ceil(plan.startSeconds / 5) * 2) };
    container.readinessProbe = { ...probe, periodSeconds: 10, failureThreshold: 3 };
    // Liveness asks something else than readiness (kube-score's pod-probes-identical): that the process still accepts
    // connections, slower and more tolerant, so a busy pod leaves the Service before it is ever restarted. With only
    // a TCP check to make, a liveness probe would be the readiness one again: none (the startup probe still guards).
    if (plan.healthPath) container.livenessProbe = { tcpSocket: { port: 'http' }, timeoutSeconds: 3, periodSeconds: 20, failureThreshold: 5 };
  }

  const podSpec = {
    serviceAccountName: name,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: plan.uid,
      runAsGroup: plan.uid,
      fsGroup: plan.uid,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [container],
    volumes: plan.writablePaths.map((p) => ({ name: volumeName(p), emptyDir: { sizeLimit: EMPTYDIR_SIZE_LIMIT } })),
    topologySpreadConstraints: [{
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: labels },
    }],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } },
        }],
      },
    },
  };

  const out: Record<string, unknown>[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(), automountServiceAccountToken: false },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(),
      spec: {
        replicas,
        revisionHistoryLimit: 5,
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: { metadata: { labels }, spec: podSpec },
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(),
      // Always allows one disruption, so node drains never block (minAvailable = replicas would).
      spec: { ...(replicas > 1 ? { minAvailable: replicas - 1 } : { maxUnavailable: 1 }), selector: { matchLabels: labels } },
    },
  ];
  if (service) {
    out.push(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(),
        spec: { type: 'ClusterIP', selector: labels, ports: [{ name: 'http', port: SERVICE_PORT, targetPort: 'http', protocol: 'TCP' }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta(),
        spec: {
          podSelector: { matchLabels: labels },
          policyTypes: ['Ingress'],
          // Only the app port, from pods of the same namespace; add namespaceSelectors for ingress controllers.
          ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 'http', protocol: 'TCP' }] }],
        },
      },
    );
  }
  return out;
}

/** Deployment, Service, PodDisruptionBudget, ServiceAccount and NetworkPolicy for the stack, hardened. */
export function generateKubernetes(stack: StackInfo, opts: KubernetesOptions = {}): GeneratedKubernetes {
  const plan = planContainer(stack, opts);
  const docs = objects(plan, opts).map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false }));
  const manifest = [
    `# Generated by docker-expert for ${stack.name}. Apply: kubectl apply -f k8s/${stack.name}.yaml`,
    docs.join('---\n'),
  ].join('\n');
  const notes = [
    `The image ${imageRef(stack, opts)} must be pushed to a registry the cluster can pull from; pin it by digest for production.`,
    'The root filesystem is read-only: every path the app writes is an emptyDir; add more if the app fails with EROFS.',
  ];
  if (plan.port === undefined) notes.push('No port: no Service, NetworkPolicy or HTTP probes were generated.');
  else notes.push('The NetworkPolicy admits only pods of the same namespace on the http port: add a namespaceSelector for your ingress controller.');
  return { manifest, files: [{ path: `k8s/${stack.name}.yaml`, content: manifest }], notes };
}
