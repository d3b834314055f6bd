import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NotRegularFileError, readRegularFile } from '../read-regular.js';
import path from 'node:path';
import { resolvePath } from '../paths.js';
import { HARMLESS_CAPABILITIES, checkBindSource } from './run-options.js';
import type { HostContext, ReachFinding } from './types.js';
import { checkHostPath, DEFAULT_FIREWALL_LIMITS, limitsOf } from './types.js';

/** Manifest files read from one `-f` folder before giving up (the rest would go unchecked, so the command is refused). */
export const MAX_MANIFEST_FILES = DEFAULT_FIREWALL_LIMITS.maxManifestFiles;
/** Largest manifest file read for checking. */
export const MAX_MANIFEST_BYTES = DEFAULT_FIREWALL_LIMITS.maxManifestBytes;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// yaml is required on the first manifest read, not when the firewall loads: most commands name no manifest, and the
// Claude Code hook loads the firewall for every Bash call (yaml is external to the bundles: one copy either way).
const requireHere = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;

/** Parses YAML text (several documents allowed); a finding when it does not parse. */
export function parseManifests(text: string, label: string): { docs: unknown[]; finding?: ReachFinding } {
  yaml ??= requireHere('yaml') as typeof import('yaml');
  const docs = yaml.parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    if (d.errors.length > 0) return { docs: [], finding: { reach: 'refuse', reason: `${label} does not parse as YAML: ${d.errors[0].message.split('\n')[0]}` } };
  }
  return { docs: list.map((d) => d.toJS({ maxAliasCount: 100 })) };
}

/** Reads the manifest files a `-f` value names (a file or a folder of .yaml/.yml/.json), inside the project only. */
export function readManifestSources(value: string, ctx: HostContext, flags: string[]): { texts: { label: string; text: string }[]; findings: ReachFinding[] } {
  if (value === '-') {
    if (ctx.stdinText === undefined) return { texts: [], findings: [{ reach: 'escape', reason: 'manifests read from stdin cannot be checked; write them to a file in the project', flags: ['-f -'] }] };
    return { texts: [{ label: 'stdin', text: ctx.stdinText }], findings: [] };
  }
  if (/^[a-z]+:\/\//i.test(value)) return { texts: [], findings: [{ reach: 'escape', reason: `manifests from ${value} cannot be checked; download them into the project first`, flags }] };
  const bad = checkHostPath(value, 'read', ctx, flags);
  if (bad) return { texts: [], findings: [bad] };
  const abs = resolvePath(value, { cwd: ctx.cwd, home: ctx.home }).canonical;
  const { maxManifestFiles, maxManifestBytes } = limitsOf(ctx);
  const files: string[] = [];
  try {
    collectFiles(abs, files, maxManifestFiles);
  } catch (err) {
    return { texts: [], findings: [{ reach: 'refuse', reason: `cannot read ${value}: ${(err as Error).message}` }] };
  }
  if (files.length > maxManifestFiles) return { texts: [], findings: [{ reach: 'refuse', reason: `${value} holds more than ${maxManifestFiles} manifest files` }] };
  const texts: { label: string; text: string }[] = [];
  for (const f of files) {
    const bad2 = checkHostPath(f, 'read', ctx, flags);
    if (bad2) return { texts: [], findings: [bad2] };
    try {
      texts.push({ label: f, text: readRegularFile(f, maxManifestBytes) });
    } catch (err) {
      if (err instanceof NotRegularFileError) return { texts: [], findings: [{ reach: 'refuse', reason: err.message }] };
      throw err;
    }
  }
  return { texts, findings: [] };
}

function collectFiles(abs: string, out: string[], max: number): void {
  const st = statSync(abs);
  if (!st.isDirectory()) {
    out.push(abs);
    return;
  }
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    if (out.length > max) return;
    const p = path.join(abs, entry.name);
    if (entry.isDirectory()) collectFiles(p, out, max);
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(p);
  }
}

/** Kubernetes objects: privileged containers, host namespaces, hostPath volumes, added capabilities, unconfined profiles. */
export function checkKubernetesObjects(docs: unknown[], label: string): ReachFinding[] {
  const out: ReachFinding[] = [];
  const escape = (what: string, flag: string): void => {
    out.push({ reach: 'escape', reason: `${label}: ${what}`, flags: [flag] });
  };
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => visit(n, `${where}[${i}]`));
      return;
    }
    if (!isObj(node)) return;
    if (node.kind === 'PersistentVolume' && isObj(node.spec) && (node.spec.hostPath || node.spec.local)) {
      escape(`PersistentVolume ${name(node)} is backed by a host path`, 'hostPath');
    }
    if (Array.isArray(node.containers) || Array.isArray(node.initContainers) || Array.isArray(node.ephemeralContainers)) {
      checkPodSpec(node, where, escape);
    }
    for (const [k, v] of Object.entries(node)) visit(v, where ? `${where}.${k}` : k);
  };
  docs.forEach((d, i) => visit(d, docs.length > 1 ? `doc ${i + 1}` : ''));
  return out;
}

function checkPodSpec(spec: Obj, where: string, escape: (what: string, flag: string) => void): void {
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[ns] === true) escape(`${where} sets ${ns}: true`, ns);
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) if (isObj(v) && v.hostPath) escape(`${where} mounts hostPath ${JSON.stringify(isObj(v.hostPath) ? v.hostPath.path : v.hostPath)}`, 'hostPath');
  }
  checkSecurityContext(spec.securityContext, where, escape);
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    for (const c of list) if (isObj(c)) checkSecurityContext(c.securityContext, `${where} container ${String(c.name ?? '?')}`, escape);
  }
}

function checkSecurityContext(sc: unknown, where: string, escape: (what: string, flag: string) => void): void {
  if (!isObj(sc)) return;
  if (sc.privileged === true) escape(`${where} is privileged`, 'privileged');
  if (sc.procMount === 'Unmasked') escape(`${where} unmasks /proc`, 'procMount');
  const caps = isObj(sc.capabilities) && Array.isArray(sc.capabilities.add) ? sc.capabilities.add : [];
  for (const cap of caps) {
    const c = String(cap).toUpperCase().replace(/^CAP_/, '');
    if (!HARMLESS_CAPABILITIES.has(c)) escape(`${where} adds capability ${cap}`, 'capabilities');
  }
  for (const key of ['seccompProfile', 'appArmorProfile']) {
    const p = sc[key];
    if (isObj(p) && p.type === 'Unconfined') escape(`${where} sets ${key} Unconfined`, key);
  }
  if (isObj(sc.seLinuxOptions) && /spc_t|unconfined_t/.test(String(sc.seLinuxOptions.type ?? ''))) escape(`${where} sets an unconfined SELinux type`, 'seLinuxOptions');
}

function name(o: Obj): string {
  return isObj(o.metadata) ? String(o.metadata.name ?? '?') : '?';
}

const COMPOSE_NAMESPACES = ['pid', 'ipc', 'uts', 'userns_mode', 'cgroup', 'network_mode'] as const;

/** Compose services: the same checks as `docker run`, with relative paths taken from the compose file's folder. */
export function checkComposeProject(doc: unknown, file: string, ctx: HostContext): ReachFinding[] {
  const out: ReachFinding[] = [];
  if (!isObj(doc)) return out;
  const dir = file === 'stdin' ? ctx.cwd : path.dirname(file);
  const here: HostContext = { ...ctx, cwd: dir };
  const escape = (what: string, flag: string): void => {
    out.push({ reach: 'escape', reason: `${file}: ${what}`, flags: [flag] });
  };
  const hostPath = (p: unknown, use: 'read' | 'write', flag: string): void => {
    if (typeof p !== 'string') return;
    if (p.includes('$')) {
      out.push({ reach: 'refuse', reason: `${file}: '${p}' uses variable interpolation; the firewall cannot tell where it points` });
      return;
    }
    const f = checkHostPath(p, use, here, [flag]);
    if (f) out.push({ ...f, reason: `${file}: ${f.reason}` });
  };
  const services = isObj(doc.services) ? doc.services : {};
  for (const [svcName, svc] of Object.entries(services)) {
    if (!isObj(svc)) continue;
    const where = `service ${svcName}`;
    if (svc.privileged === true) escape(`${where} is privileged`, 'privileged');
    for (const ns of COMPOSE_NAMESPACES) if (String(svc[ns] ?? '').toLowerCase() === 'host') escape(`${where} sets ${ns}: host`, ns);
    for (const cap of asList(svc.cap_add)) {
      if (!HARMLESS_CAPABILITIES.has(String(cap).toUpperCase().replace(/^CAP_/, ''))) escape(`${where} adds capability ${cap}`, 'cap_add');
    }
    for (const opt of asList(svc.security_opt)) if (/unconfined|label[:=]disable|spc_t|unmask/i.test(String(opt))) escape(`${where} sets security_opt ${opt}`, 'security_opt');
    for (const d of [...asList(svc.devices), ...asList(svc.device_cgroup_rules)]) escape(`${where} gets host device ${JSON.stringify(d)}`, 'devices');
    if (svc.gpus !== undefined) escape(`${where} gets host GPUs`, 'gpus');
    if (svc.cgroup_parent !== undefined) escape(`${where} sets cgroup_parent`, 'cgroup_parent');
    if (svc.runtime !== undefined && !['runc', 'crun', 'runsc'].includes(String(svc.runtime))) escape(`${where} uses runtime ${svc.runtime}`, 'runtime');
    if (svc.use_api_socket === true) escape(`${where} mounts the engine socket (use_api_socket)`, 'use_api_socket');
    for (const v of asList(svc.volumes)) {
      if (typeof v === 'string') {
        if (v.includes('$')) hostPath(v, 'read', 'volumes');
        else {
          const parts = v.split(':');
          if (parts.length >= 2 && /^[./~]/.test(parts[0])) {
            for (const f of checkBindSource(parts[0], (parts[2] ?? '').split(',').includes('ro'), here, ['volumes'])) out.push({ ...f, reason: `${file}: ${where}: ${f.reason}` });
          }
        }
      } else if (isObj(v) && v.type === 'bind') {
        if (typeof v.source !== 'string' || v.source.includes('$')) hostPath(String(v.source ?? '$?'), 'read', 'volumes');
        else for (const f of checkBindSource(v.source, v.read_only === true, here, ['volumes'])) out.push({ ...f, reason: `${file}: ${where}: ${f.reason}` });
      }
    }
    for (const ef of asList(svc.env_file)) hostPath(isObj(ef) ? ef.path : ef, 'read', 'env_file');
    const env = svc.environment;
    const fromHost = Array.isArray(env) ? env.filter((e) => typeof e === 'string' && !e.includes('=')) : isObj(env) ? Object.keys(env).filter((k) => env[k] === null) : [];
    for (const name of fromHost) escape(`${where} copies the host's ${String(name)} into the container`, 'environment');
    const build = svc.build;
    if (typeof build === 'string') hostPath(build, 'read', 'build');
    else if (isObj(build)) {
      if (typeof build.context === 'string' && !/^[a-z]+:\/\//i.test(build.context)) hostPath(build.context, 'read', 'build.context');
      if (build.privileged === true) escape(`${where} builds privileged`, 'build.privileged');
      if (asList(build.entitlements).length > 0) escape(`${where} builds with entitlements`, 'build.entitlements');
      if (String(build.network ?? '').toLowerCase() === 'host') escape(`${where} builds with network host`, 'build.network');
    }
    if (isObj(svc.extends) && svc.extends.file !== undefined) hostPath(svc.extends.file, 'read', 'extends');
  }
  for (const key of ['secrets', 'configs'] as const) {
    const section = doc[key];
    if (isObj(section)) for (const s of Object.values(section)) if (isObj(s)) {
      if (s.file !== undefined) hostPath(s.file, 'read', key);
      if (s.environment !== undefined) escape(`${key} reads host variable ${s.environment}`, key);
    }
  }
  if (isObj(doc.volumes)) {
    for (const [volName, vol] of Object.entries(doc.volumes)) {
      if (isObj(vol) && isObj(vol.driver_opts) && (vol.driver_opts.device !== undefined || /bind/.test(String(vol.driver_opts.o ?? '')))) {
        escape(`volume ${volName} is backed by a host path`, 'driver_opts');
      }
    }
  }
  for (const inc of asList(doc.include)) {
    if (typeof inc === 'string') hostPath(inc, 'read', 'include');
    else if (isObj(inc)) for (const p of asList(inc.path)) hostPath(p, 'read', 'include');
  }
  return out;
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  return [v];
}
