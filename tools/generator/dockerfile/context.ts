import type { GenerateOptions } from '../options.js';
import { DEFAULT_CPU_LIMIT, DEFAULT_UID } from '../options.js';
import { DEFAULT_PORTS } from '../runtime-defaults.js';
import { probeFor, type ProbeTool } from './probes.js';
import { mapBaseImage } from '../base-images.js';
import { isSafeAbsolute, isSafeToken, safeHttpPath, safeName, safeToken } from './safe-values.js';
import type { ContainerPlan } from '../plan.js';
import type { StackInfo } from '../stack.js';

/** What every stack builder needs besides its StackInfo: resolved port, health path, user and images. */
export interface PlanContext {
  uid: number;
  /** Undefined for a non-service. */
  port?: number;
  /** HTTP path the probe asks for; undefined with a TCP probe or for a non-service. */
  healthPath?: string;
  /** The HEALTHCHECK argv for the final image's probe tool; undefined for a non-service. */
  probe(tool: ProbeTool): string[] | undefined;
  /** Environment the app's own switches need (bind address, port variable), merged into every stack's ENV. */
  appEnv: Record<string, string>;
  /** Arguments added to the start command (a Go `-addr` flag, say). */
  startArgs: string[];
  /** Project folders the server writes at run time, relative to the app folder. */
  writableDirs: string[];
  /** Files and folders the server reads at run time (for stacks whose final stage holds only a binary). */
  runtimeFiles: string[];
  /** Image for builder stages: the override, else the default given. */
  buildImage(defaultImage: string): string;
  /** Image for the final stage: the override, else the default given. */
  runtimeImage(defaultImage: string): string;
  notes: string[];
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function pinned(image: string, digests: Record<string, string> | undefined): string {
  const digest = digests?.[image];
  if (digest === undefined || image.includes('@')) return image;
  if (!DIGEST.test(digest)) throw new RangeError(`digest for ${image}: ${JSON.stringify(digest)} is not sha256:<64 hex digits>`);
  return `${image}@${digest}`;
}

export function planContext(stack: StackInfo, opts: GenerateOptions): PlanContext {
  const notes: string[] = [];
  safeName(stack.name);
  if (stack.lockfile) safeToken(stack.lockfile, 'lockfile');
  let port: number | undefined;
  let healthPath: string | undefined;
  if (stack.isService || opts.port !== undefined) {
    port = opts.port ?? stack.port;
    if (port === undefined) {
      port = DEFAULT_PORTS[stack.language];
      notes.push(`No port found in the project: assumed ${port} (the app should listen on $PORT).`);
    }
    healthPath = opts.tcpProbe ? undefined : opts.healthPath ?? (stack.healthProbe ? (stack.healthProbe.kind === 'http' ? stack.healthProbe.path : undefined) : stack.healthPath);
    if (healthPath) safeHttpPath(healthPath, 'healthPath');
    if (!healthPath) {
      notes.push(`No health route found in the code and / is not served: the health check only tests that port ${port} accepts connections (pass a health path to probe one).`);
    } else if (!opts.healthPath && stack.healthProbe?.kind === 'http') notes.push(`Health probe: GET ${healthPath}, ${stack.healthProbe.why}.`);
  } else {
    notes.push('No server found (no port, framework or health route): built as a job/worker image without EXPOSE or HEALTHCHECK.');
  }
  const uid = opts.uid ?? DEFAULT_UID;
  if (!Number.isInteger(uid) || uid <= 0 || uid > 2147483647) throw new RangeError(`uid ${uid}: must be a positive integer (non-root)`);
  if (stack.bindFix && port !== undefined) notes.push(`The code binds loopback by default: ${stack.bindFix.why}.`);
  if (stack.localOnly && port !== undefined) {
    notes.push(`WARNING ${stack.localOnly.file}:${stack.localOnly.line}: the app ${stack.localOnly.why} and has no setting to change it, so the published port will not answer; make it listen on 0.0.0.0 (or a HOST variable).`);
  }
  return {
    uid,
    port,
    healthPath,
    appEnv: port === undefined ? {} : { ...(stack.bindFix?.env ?? {}) },
    startArgs: port === undefined ? [] : [...(stack.bindFix?.args ?? [])],
    writableDirs: (stack.writableDirs ?? []).filter((d) => d === '.' || isSafeToken(d) || isSafeAbsolute(d)),
    runtimeFiles: (stack.facts?.runtimeFiles.map((r) => r.path) ?? []).filter((f) => !f.startsWith('/') && isSafeToken(f)),
    probe: (tool) => (port === undefined ? undefined : probeFor(tool, port, healthPath)),
    buildImage: (d) => pinned(opts.baseImages?.build ?? mapBaseImage(opts.baseImageMap, d), opts.digests),
    runtimeImage: (d) => pinned(opts.baseImages?.runtime ?? mapBaseImage(opts.baseImageMap, d), opts.digests),
    notes,
  };
}

/** A stack builder's result, with what the context already decided (port, health path, user) filled in. */
export function planOf(
  stack: StackInfo,
  ctx: PlanContext,
  p: Omit<ContainerPlan, 'stack' | 'uid' | 'port' | 'healthPath' | 'cpus' | 'writablePaths'> & {
    port?: number;
    healthPath?: string;
    /** Default: /tmp only. */
    writablePaths?: string[];
  },
): ContainerPlan {
  return {
    stack,
    uid: ctx.uid,
    port: ctx.port,
    healthPath: ctx.healthPath,
    cpus: DEFAULT_CPU_LIMIT,
    writablePaths: ['/tmp'],
    ...p,
    notes: [...ctx.notes, ...p.notes],
  };
}

/**
 * `RUN mkdir -p … && chown …` for the folders the app writes, under `appDir` (the final stage's WORKDIR).
 * `.` (the app folder itself, for a SQLite file beside the code) gets its own ownership only, not its files.
 */
export function writableSetup(ctx: PlanContext, appDir: string): string | undefined {
  if (!ctx.writableDirs.length) return undefined;
  const dirs = ctx.writableDirs.filter((d) => d !== '.').map((d) => (d.startsWith('/') ? d : `${appDir}/${d.replace(/^\.\//, '')}`));
  const owner = `${ctx.uid}:${ctx.uid}`;
  const parts = [
    ...(dirs.length ? [`mkdir -p ${dirs.join(' ')}`, `chown -R ${owner} ${dirs.join(' ')}`] : []),
    ...(ctx.writableDirs.includes('.') ? [`chown ${owner} ${appDir}`] : []),
  ];
  return `RUN ${parts.join(' && ')}`;
}

/** `COPY <path> ./<path>` for each file or folder the server reads at run time (binary-only final stages). */
export function runtimeFileCopies(ctx: PlanContext): string[] {
  return ctx.runtimeFiles.map((f) => `COPY ${f} ./${f}`);
}
