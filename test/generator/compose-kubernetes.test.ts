import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  DEFAULT_REPLICAS,
  DEFAULT_UID,
  detectStack,
  generateCompose,
  generateDockerfile,
  generateKubernetes,
} from '../../tools/generator/index.js';
import type { StackInfo } from '../../tools/generator/index.js';
import { EXAMPLES, FIXTURES } from './support.js';

const nodeApi = (await detectStack(path.join(EXAMPLES, 'node-api')))!;
const laravel = (await detectStack(path.join(FIXTURES, 'php-laravel')))!;
const rails = (await detectStack(path.join(FIXTURES, 'ruby-rails')))!;

type Obj = Record<string, any>;

describe('compose.yaml', () => {
  const { compose, files } = generateCompose(nodeApi);
  // YAML 1.1 semantics, as older compose parsers read it: quoting must keep user and ports strings.
  const doc = parse(compose, { version: '1.1' }) as Obj;
  const svc = doc.services['node-api'] as Obj;

  it('is written to compose.yaml with one hardened service', () => {
    expect(files).toEqual([{ path: 'compose.yaml', content: compose }]);
    expect(doc.version).toBeUndefined();
    expect(svc).toMatchObject({
      build: { context: '.', target: 'runtime' },
      image: 'node-api:1.0.0',
      init: true,
      user: `${DEFAULT_UID}:${DEFAULT_UID}`,
      read_only: true,
      security_opt: ['no-new-privileges:true'],
      cap_drop: ['ALL'],
      restart: 'on-failure:5',
    });
    expect(svc.tmpfs).toContain('/tmp');
    expect(svc.deploy.resources.limits).toMatchObject({ cpus: '1.0', memory: '512M' });
    expect(svc.pids_limit).toBeGreaterThan(0);
  });

  it('publishes the port on loopback by default, elsewhere on request', () => {
    expect(svc.ports).toEqual(['127.0.0.1:3000:3000']);
    const open = parse(generateCompose(nodeApi, { publishAddress: '0.0.0.0' }).compose) as Obj;
    expect(open.services['node-api'].ports).toEqual(['0.0.0.0:3000:3000']);
  });

  it('uses the same health probe as the Dockerfile', () => {
    const { plan } = generateDockerfile(nodeApi);
    expect(svc.healthcheck.test).toEqual(['CMD', ...plan.healthcheck!]);
  });

  it('gives each path the app writes a tmpfs (Laravel storage, Apache run dirs; Rails tmp and log)', () => {
    const php = (parse(generateCompose(laravel).compose) as Obj).services.blog as Obj;
    expect(php.tmpfs).toEqual(expect.arrayContaining(['/var/run/apache2', '/var/www/html/storage', '/var/www/html/bootstrap/cache']));
    const rb = (parse(generateCompose(rails).compose) as Obj).services['ruby-rails'] as Obj;
    expect(rb.tmpfs).toEqual(expect.arrayContaining(['/app/tmp', '/app/log']));
  });
});

describe('Kubernetes manifests', () => {
  const { manifest, files } = generateKubernetes(nodeApi);
  const docs = parseAllDocuments(manifest).map((d) => d.toJS() as Obj);
  const byKind = Object.fromEntries(docs.map((d) => [d.kind, d]));
  const deploy = byKind.Deployment;
  const pod = deploy.spec.template.spec;
  const container = pod.containers[0];

  it('holds ServiceAccount, Deployment, PodDisruptionBudget, Service and NetworkPolicy in one file', () => {
    expect(files).toEqual([{ path: 'k8s/node-api.yaml', content: manifest }]);
    expect(docs.map((d) => d.kind).sort()).toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    expect(manifest).not.toMatch(/[&*]a\d/); // no YAML anchors: every object stands alone
  });

  it('hardens the pod and the container', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('node-api');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: DEFAULT_UID, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.image).toBe('node-api:1.0.0');
    expect(container.resources.requests).toMatchObject({ cpu: '100m' });
    expect(container.resources.limits).toMatchObject({ memory: '512Mi' });
  });

  it('probes the health path on the named port for readiness; liveness only that the port accepts, more tolerant', () => {
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(container.livenessProbe.httpGet).toBeUndefined();
    expect(container.livenessProbe.periodSeconds).toBeGreaterThan(container.readinessProbe.periodSeconds);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
  });

  it('selectors of Deployment, Service, PDB and NetworkPolicy all match the pod labels', () => {
    const labels = deploy.spec.template.metadata.labels;
    expect(deploy.spec.selector.matchLabels).toEqual(labels);
    expect(byKind.Service.spec.selector).toEqual(labels);
    expect(byKind.PodDisruptionBudget.spec.selector.matchLabels).toEqual(labels);
    expect(byKind.NetworkPolicy.spec.podSelector.matchLabels).toEqual(labels);
  });

  it('mounts an emptyDir for every writable path', () => {
    const mounts = container.volumeMounts.map((m: Obj) => m.mountPath);
    expect(mounts).toEqual(['/tmp']);
    expect(pod.volumes.map((v: Obj) => v.name)).toEqual(container.volumeMounts.map((m: Obj) => m.name));
  });

  it('replicas: default 2 with minAvailable 1; 1 replica allows one disruption; 0 is refused', () => {
    expect(deploy.spec.replicas).toBe(DEFAULT_REPLICAS);
    expect(byKind.PodDisruptionBudget.spec).toMatchObject({ minAvailable: 1 });
    const one = parseAllDocuments(generateKubernetes(nodeApi, { replicas: 1 }).manifest).map((d) => d.toJS() as Obj);
    expect(one.find((d) => d.kind === 'PodDisruptionBudget')!.spec).toMatchObject({ maxUnavailable: 1 });
    expect(() => generateKubernetes(nodeApi, { replicas: 0 })).toThrow(/replicas 0/);
  });

  it('namespace and image options', () => {
    const out = generateKubernetes(nodeApi, { namespace: 'shop', image: 'registry.example.com/node-api:1.0.0' });
    const objs = parseAllDocuments(out.manifest).map((d) => d.toJS() as Obj);
    for (const o of objs) expect(o.metadata.namespace).toBe('shop');
    expect(objs.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].image).toBe('registry.example.com/node-api:1.0.0');
  });

  it('a worker gets no Service, NetworkPolicy or HTTP probes', () => {
    const worker: StackInfo = { ...nodeApi, isService: false, port: undefined, healthPath: undefined } as StackInfo;
    const objs = parseAllDocuments(generateKubernetes(worker).manifest).map((d) => d.toJS() as Obj);
    expect(objs.map((o) => o.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'ServiceAccount']);
    expect(objs.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].readinessProbe).toBeUndefined();
  });
});

describe('resource options at their edges', () => {
  it('memoryMiB: MIN_MEMORY_MIB is accepted, one less is refused', async () => {
    const { MIN_MEMORY_MIB } = await import('../../tools/generator/index.js');
    const svc = (parse(generateCompose(nodeApi, { memoryMiB: MIN_MEMORY_MIB }).compose) as Obj).services['node-api'];
    expect(svc.deploy.resources.limits.memory).toBe(`${MIN_MEMORY_MIB}M`);
    expect(() => generateCompose(nodeApi, { memoryMiB: MIN_MEMORY_MIB - 1 })).toThrow(/memoryMiB 31/);
    expect(() => generateKubernetes(nodeApi, { memoryMiB: 100.5 })).toThrow(/memoryMiB/);
  });

  it('cpus: fractions and MAX_CPUS pass, 0 and more than MAX_CPUS are refused', async () => {
    const { MAX_CPUS } = await import('../../tools/generator/generate-dockerfile.js');
    const svc = (parse(generateCompose(nodeApi, { cpus: 0.25 }).compose) as Obj).services['node-api'];
    expect(svc.deploy.resources.limits.cpus).toBe('0.25');
    const k8s = parseAllDocuments(generateKubernetes(nodeApi, { cpus: MAX_CPUS }).manifest).map((d) => d.toJS() as Obj);
    expect(k8s.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].resources.limits.cpu).toBe(`${MAX_CPUS * 1000}m`);
    expect(() => generateCompose(nodeApi, { cpus: 0 })).toThrow(/cpus 0/);
    expect(() => generateCompose(nodeApi, { cpus: MAX_CPUS + 1 })).toThrow(/at most 256/);
  });

  it('pidsLimit: 1 is accepted, 0 is refused', () => {
    expect((parse(generateCompose(nodeApi, { pidsLimit: 1 }).compose) as Obj).services['node-api'].pids_limit).toBe(1);
    expect(() => generateCompose(nodeApi, { pidsLimit: 0 })).toThrow(/pidsLimit 0/);
  });

  it('names are cut to MAX_NAME_LENGTH (a DNS label)', async () => {
    const { toDnsLabel, MAX_NAME_LENGTH } = await import('../../tools/generator/detect/names.js');
    expect(toDnsLabel('a'.repeat(MAX_NAME_LENGTH))).toHaveLength(MAX_NAME_LENGTH);
    expect(toDnsLabel('a'.repeat(MAX_NAME_LENGTH + 1))).toHaveLength(MAX_NAME_LENGTH);
    expect(toDnsLabel('@Acme/My_API')).toBe('my-api');
    expect(toDnsLabel('___')).toBe('app');
  });
});
