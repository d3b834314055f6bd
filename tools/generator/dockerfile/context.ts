import type { GenerateOptions } from '../options.js';
import { DEFAULT_CPU_LIMIT, DEFAULT_UID } from '../options.js';
import { DEFAULT_HEALTH_PATH, DEFAULT_PORTS } from '../runtime-defaults.js';
import { safeHttpPath, safeName, safeToken } from './safe-values.js';
import type { ContainerPlan } from '../plan.js';
import type { StackInfo } from '../stack.js';

/** What every stack builder needs besides its StackInfo: resolved port, health path, user and images. */
export interface PlanContext {
  uid: number;
  /** Undefined for a non-service. */
  port?: number;
  healthPath?: string;
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
    healthPath = opts.healthPath ?? stack.healthPath;
    if (healthPath) safeHttpPath(healthPath, 'healthPath');
    if (!healthPath) {
      healthPath = DEFAULT_HEALTH_PATH;
      notes.push(`No health endpoint found in the code: the health probes ask for ${healthPath}; add that route or pass another path.`);
    }
  } else {
    notes.push('No server found (no port, framework or health route): built as a job/worker image without EXPOSE or HEALTHCHECK.');
  }
  const uid = opts.uid ?? DEFAULT_UID;
  if (!Number.isInteger(uid) || uid <= 0 || uid > 2147483647) throw new RangeError(`uid ${uid}: must be a positive integer (non-root)`);
  return {
    uid,
    port,
    healthPath,
    buildImage: (d) => pinned(opts.baseImages?.build ?? d, opts.digests),
    runtimeImage: (d) => pinned(opts.baseImages?.runtime ?? d, opts.digests),
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
