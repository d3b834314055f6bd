import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolvePath } from '../paths.js';
import type { ParsedArgs } from './flags.js';
import { defineOptions, extendOptions, has, parseGoBool, valuesOf } from './flags.js';
import type { HostContext, ReachFinding } from './types.js';
import { checkHostPath } from './types.js';

/** `docker run` / `docker create` options (docker CLI 28). */
export const DOCKER_RUN_OPTIONS = defineOptions(
  'a|attach= add-host= annotation= blkio-weight= blkio-weight-device= cap-add= cap-drop= cgroup-parent= cgroupns= cidfile=',
  'cpu-count= cpu-percent= cpu-period= cpu-quota= cpu-rt-period= cpu-rt-runtime= c|cpu-shares= cpus= cpuset-cpus= cpuset-mems=',
  'd|detach detach-keys= device= device-cgroup-rule= device-read-bps= device-read-iops= device-write-bps= device-write-iops=',
  'disable-content-trust dns= dns-option= dns-search= domainname= entrypoint= e|env= env-file= expose= gpus= group-add=',
  'health-cmd= health-interval= health-retries= health-start-interval= health-start-period= health-timeout= help h|hostname=',
  'init i|interactive io-maxbandwidth= io-maxiops= ip= ip6= ipc= isolation= kernel-memory= l|label= label-file= link= link-local-ip=',
  'log-driver= log-opt= mac-address= m|memory= memory-reservation= memory-swap= memory-swappiness= mount= name= network=',
  'network-alias= no-healthcheck oom-kill-disable oom-score-adj= pid= pids-limit= platform= privileged p|publish= P|publish-all',
  'pull= q|quiet read-only restart= rm runtime= security-opt= shm-size= sig-proxy stop-signal= stop-timeout= storage-opt=',
  'sysctl= tmpfs= t|tty ulimit= use-api-socket u|user= userns= uts= v|volume= volume-driver= volumes-from= w|workdir=',
  'net>network net-alias>network-alias',
);

/** `podman run` / `podman create`: docker's options plus podman's own. */
export const PODMAN_RUN_OPTIONS = extendOptions(
  DOCKER_RUN_OPTIONS,
  'arch= authfile= cgroup-conf= cgroups= chrootdirs= conmon-pidfile= decryption-key= env-host env-merge= gidmap= hooks-dir=',
  'http-proxy image-volume= init-path= log-level= no-hosts os= passwd passwd-entry= personality= pidfile= pod= pod-id-file=',
  'preserve-fd= preserve-fds= rdt-class= replace requires= retry= retry-delay= rootfs sdnotify= seccomp-policy= secret= subgidname=',
  'subuidname= systemd= timeout= tls-verify umask= unsetenv= unsetenv-all uidmap= variant= volumes-from= workdir= group-entry=',
);

/** Capabilities docker grants by default: adding them back is harmless. Anything else is a host escape. */
export const HARMLESS_CAPABILITIES = new Set([
  'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'NET_BIND_SERVICE', 'NET_RAW',
  'SYS_CHROOT', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP',
]);

const TRUSTED_RUNTIMES = new Set(['runc', 'crun', 'runsc', 'kata', 'kata-runtime', 'youki', 'io.containerd.runc.v2']);

/** The option spellings a rule must name to allow each escape. */
const FLAG_NAMES = {
  privileged: ['--privileged'],
  'cap-add': ['--cap-add'],
  'security-opt': ['--security-opt'],
  pid: ['--pid'],
  ipc: ['--ipc'],
  uts: ['--uts'],
  userns: ['--userns'],
  cgroupns: ['--cgroupns'],
  network: ['--network', '--net'],
  device: ['--device'],
  'device-cgroup-rule': ['--device-cgroup-rule'],
  gpus: ['--gpus'],
  volume: ['-v', '--volume'],
  mount: ['--mount'],
  'volumes-from': ['--volumes-from'],
  'use-api-socket': ['--use-api-socket'],
  env: ['-e', '--env'],
  runtime: ['--runtime'],
  'cgroup-parent': ['--cgroup-parent'],
  'env-host': ['--env-host'],
  rootfs: ['--rootfs'],
  'hooks-dir': ['--hooks-dir'],
  'init-path': ['--init-path'],
  'group-add': ['--group-add'],
} satisfies Record<string, string[]>;

type EscapeOption = keyof typeof FLAG_NAMES;

function flagsOf(name: EscapeOption): string[] {
  return [...FLAG_NAMES[name]];
}

/** Checks every option of a run-like command (run, create, exec, compose run, build -v) for the three reaches. */
export function checkRunOptions(parsed: ParsedArgs, ctx: HostContext): ReachFinding[] {
  const out: ReachFinding[] = [];
  const escape = (name: EscapeOption, reason: string): void => {
    out.push({ reach: 'escape', reason, flags: flagsOf(name) });
  };
  if (has(parsed, 'privileged')) escape('privileged', '--privileged gives the container every capability and every host device');
  for (const cap of valuesOf(parsed, 'cap-add')) {
    for (const c of cap.split(',')) {
      const name = c.trim().toUpperCase().replace(/^CAP_/, '');
      if (!HARMLESS_CAPABILITIES.has(name)) escape('cap-add', `--cap-add ${c} grants a capability beyond docker's default set`);
    }
  }
  for (const opt of valuesOf(parsed, 'security-opt')) {
    const why = unsafeSecurityOpt(opt);
    if (why) escape('security-opt', `--security-opt ${opt} ${why}`);
  }
  for (const ns of ['pid', 'ipc', 'uts', 'userns', 'cgroupns'] as const) {
    for (const v of valuesOf(parsed, ns)) {
      const lower = v.toLowerCase();
      if (lower === 'host' || lower.startsWith('ns:')) escape(ns, `--${ns}=${v} joins a host namespace`);
    }
  }
  for (const v of valuesOf(parsed, 'network')) {
    const lower = v.toLowerCase();
    if (lower === 'host' || lower.startsWith('ns:')) escape('network', `--network=${v} shares the host's network stack`);
    else if (/allow_host_loopback=true/.test(lower)) escape('network', `--network=${v} lets the container reach the host's loopback`);
  }
  for (const name of ['device', 'device-cgroup-rule', 'gpus'] as const) {
    for (const v of valuesOf(parsed, name)) escape(name, `--${name} ${v} hands a host device to the container`);
  }
  for (const v of valuesOf(parsed, 'volume')) out.push(...checkVolumeSpec(v, ctx, flagsOf('volume')));
  for (const v of valuesOf(parsed, 'mount')) out.push(...checkMountSpec(v, ctx));
  for (const v of valuesOf(parsed, 'volumes-from')) escape('volumes-from', `--volumes-from ${v} mounts another container's volumes, which may be host paths`);
  if (has(parsed, 'use-api-socket')) escape('use-api-socket', '--use-api-socket mounts the engine socket into the container');
  if (has(parsed, 'env-host')) escape('env-host', "--env-host copies the host's environment (API keys, tokens) into the container");
  if (has(parsed, 'rootfs')) escape('rootfs', '--rootfs runs a host folder as the container root');
  for (const v of valuesOf(parsed, 'runtime')) if (!TRUSTED_RUNTIMES.has(v)) escape('runtime', `--runtime ${v} is not a known OCI runtime`);
  for (const v of valuesOf(parsed, 'cgroup-parent')) escape('cgroup-parent', `--cgroup-parent ${v} places the container in a host cgroup`);
  for (const v of valuesOf(parsed, 'hooks-dir')) escape('hooks-dir', `--hooks-dir ${v} runs host hooks`);
  for (const v of valuesOf(parsed, 'init-path')) escape('init-path', `--init-path ${v} runs a host binary as init`);
  for (const v of valuesOf(parsed, 'group-add')) if (v === 'keep-groups') escape('group-add', '--group-add keep-groups keeps host groups');
  for (const v of valuesOf(parsed, 'env')) {
    if (!v.includes('=')) escape('env', `-e ${v} copies the host's ${v} into the container`);
  }
  for (const name of ['env-file', 'label-file']) {
    for (const v of valuesOf(parsed, name)) {
      const f = checkHostPath(v, 'read', ctx, [`--${name}`]);
      if (f && f.reason.includes('secret')) continue; // an env file feeds the container, not the model
      if (f) out.push(f);
    }
  }
  for (const name of ['cidfile', 'pidfile', 'conmon-pidfile']) {
    for (const v of valuesOf(parsed, name)) {
      const f = checkHostPath(v, 'write', ctx, [`--${name}`]);
      if (f) out.push(f);
    }
  }
  return out;
}

function unsafeSecurityOpt(opt: string): string | undefined {
  // KEY=VALUE, or the older KEY:VALUE; the value keeps any further separator (`seccomp=/p/x:y.json`).
  const [key, ...rest] = opt.split(/[=:]/);
  const value = rest.join(':').toLowerCase();
  switch (key.toLowerCase()) {
    case 'seccomp':
      // Any profile other than the built-in one is a file the agent may have written: it can allow every system call.
      if (value === 'builtin') return undefined;
      return value === 'unconfined' ? 'removes a kernel confinement' : 'loads a seccomp profile of its own, which can allow every system call';
    case 'apparmor':
    case 'systempaths':
      return value === 'unconfined' ? 'removes a kernel confinement' : undefined;
    case 'label':
      return value === 'disable' || value.includes('spc_t') || value.includes('unconfined_t') ? 'disables SELinux separation' : undefined;
    case 'unmask':
      return 'exposes masked /proc and /sys paths';
    case 'no-new-privileges':
    case 'mask':
    case 'proc-opts':
      return undefined;
    default:
      return 'is not an option this firewall knows';
  }
}

/**
 * `-v SRC:DST[:OPTS]`: a named volume or an anonymous one is fine; a host path (absolute, `./`, `~`) must be inside the
 * project and not a socket or a secret. A writable mount of a folder holding `.git` or `.claude` lets the container plant
 * hooks that later run on the host: that changes the world (ask), `:ro` does not.
 */
export function checkVolumeSpec(spec: string, ctx: HostContext, flags: string[]): ReachFinding[] {
  const parts = spec.split(':');
  if (parts.length === 1) return [];
  const source = parts[0];
  const options = parts.slice(2).join(':').split(',');
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source)) return [];
  if (!(source.startsWith('/') || source.startsWith('.') || source.startsWith('~'))) {
    return [{ reach: 'refuse', reason: `cannot tell what the volume source '${source}' is` }];
  }
  return checkBindSource(source, options.includes('ro') || options.includes('readonly'), ctx, flags);
}

export function checkBindSource(source: string, readOnly: boolean, ctx: HostContext, flags: string[]): ReachFinding[] {
  const f = checkHostPath(source, 'mount', ctx, flags);
  if (f) return [f];
  if (readOnly) return [];
  const abs = resolvePath(source, { cwd: ctx.cwd, home: ctx.home }).canonical;
  for (const guarded of ['.git', '.claude']) {
    if (abs.split(path.sep).includes(guarded) || existsSync(path.join(abs, guarded))) {
      return [{ reach: 'change', reason: `a writable mount of ${source} exposes ${guarded}/ (hooks run on the host); add :ro to mount it read-only` }];
    }
  }
  return [];
}

/** `--mount` keys docker reads as the same field: the last one given wins there, so a second one is refused here. */
const MOUNT_KEY_ALIASES: Record<string, string> = { src: 'source', dst: 'target', destination: 'target', ro: 'readonly' };

/** `--mount type=bind,source=/x,target=/y[,readonly]` and volume mounts backed by a host folder. */
export function checkMountSpec(spec: string, ctx: HostContext): ReachFinding[] {
  if (/["']/.test(spec)) return [{ reach: 'refuse', reason: `quoted --mount fields are not understood ('${spec}')` }];
  const fields = new Map<string, string>();
  // The local driver mounts `device` (with `o=bind`, a host folder) when the volume is first used.
  let hostBacked = false;
  for (const field of spec.split(',')) {
    // docker lowercases the key and takes a bare key as `key=true`.
    const [given, ...rest] = field.split('=');
    const key = MOUNT_KEY_ALIASES[given.toLowerCase()] ?? given.toLowerCase();
    const value = rest.length > 0 ? rest.join('=') : 'true';
    if (key === 'volume-opt') hostBacked ||= value.startsWith('device=') || /^o=.*bind/.test(value);
    else if (fields.has(key)) return [{ reach: 'refuse', reason: `--mount repeats '${key}'` }];
    else fields.set(key, value);
  }
  const type = (fields.get('type') ?? 'volume').toLowerCase();
  const source = fields.get('source');
  // docker reads readonly/ro with Go's strconv.ParseBool (`readonly=False` is writable).
  const ro = fields.get('readonly');
  const readOnly = ro === undefined ? false : parseGoBool(ro);
  if (readOnly === undefined) return [{ reach: 'refuse', reason: `--mount readonly=${ro} is not a boolean` }];
  if (type === 'bind') {
    if (!source) return [{ reach: 'refuse', reason: `--mount ${spec} has no source` }];
    return checkBindSource(source, readOnly, ctx, ['--mount']);
  }
  if (type === 'volume') {
    if (hostBacked) return [{ reach: 'escape', reason: `--mount ${spec} backs the volume with a host path`, flags: ['--mount'] }];
    return [];
  }
  if (type === 'tmpfs' || type === 'image') return [];
  return [{ reach: 'escape', reason: `--mount type=${type} is not a mount type this firewall allows`, flags: ['--mount'] }];
}
