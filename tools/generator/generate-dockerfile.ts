import { dockerignoreText } from './dockerignore.js';
import { planContext, type PlanContext } from './dockerfile/context.js';
import { dotnetPlan } from './dockerfile/dotnet.js';
import { goPlan } from './dockerfile/go.js';
import { javaPlan } from './dockerfile/java.js';
import { nodePlan } from './dockerfile/node.js';
import { phpPlan } from './dockerfile/php.js';
import { pythonPlan } from './dockerfile/python.js';
import { rubyPlan } from './dockerfile/ruby.js';
import { rustPlan } from './dockerfile/rust.js';
import { DEFAULT_CPU_LIMIT, MIN_MEMORY_MIB, positiveInt } from './options.js';
import type { GenerateOptions } from './options.js';
import type { ContainerPlan, GeneratedFile } from './plan.js';
import type { StackInfo } from './stack.js';

export interface GeneratedDockerfile {
  dockerfile: string;
  dockerignore: string;
  /** Assumptions and follow-ups a person should read. */
  notes: string[];
  /** `Dockerfile` and `.dockerignore`, ready to write. */
  files: GeneratedFile[];
  /** The decisions behind the files (port, probe, user, writable paths). */
  plan: ContainerPlan;
}

/** Highest CPU limit accepted (cores). */
export const MAX_CPUS = 256;

export function planContainer(stack: StackInfo, opts: GenerateOptions = {}): ContainerPlan {
  const ctx = planContext(stack, opts);
  const plan = stackPlan(stack, ctx);
  if (opts.memoryMiB !== undefined) plan.memoryMiB = positiveInt(opts.memoryMiB, 'memoryMiB', MIN_MEMORY_MIB);
  if (opts.cpus !== undefined && !(opts.cpus > 0 && opts.cpus <= MAX_CPUS)) throw new RangeError(`cpus ${opts.cpus}: must be above 0 and at most ${MAX_CPUS}`);
  plan.cpus = opts.cpus ?? DEFAULT_CPU_LIMIT;
  return plan;
}

function stackPlan(stack: StackInfo, ctx: PlanContext): ContainerPlan {
  switch (stack.language) {
    case 'node': return nodePlan(stack, ctx);
    case 'python': return pythonPlan(stack, ctx);
    case 'go': return goPlan(stack, ctx);
    case 'java': return javaPlan(stack, ctx);
    case 'rust': return rustPlan(stack, ctx);
    case 'dotnet': return dotnetPlan(stack, ctx);
    case 'php': return phpPlan(stack, ctx);
    case 'ruby': return rubyPlan(stack, ctx);
  }
}

export function generateDockerfile(stack: StackInfo, opts: GenerateOptions = {}): GeneratedDockerfile {
  const plan = planContainer(stack, opts);
  const dockerignore = dockerignoreText(plan);
  const unpinned = plan.dockerfile.split('\n').filter((l) => l.startsWith('FROM ') && !l.includes('@sha256:'));
  const notes = [
    ...plan.notes,
    ...(unpinned.length
      ? ['Base images are pinned to a release line; for reproducible builds also pin their digests (the `digests` option; `docker buildx imagetools inspect <image>` prints them).']
      : []),
  ];
  return {
    dockerfile: plan.dockerfile,
    dockerignore,
    notes,
    files: [{ path: 'Dockerfile', content: plan.dockerfile }, { path: '.dockerignore', content: dockerignore }],
    plan,
  };
}
