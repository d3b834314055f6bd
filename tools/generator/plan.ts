import type { StackInfo } from './stack.js';

/** A generated file, its path relative to the project root. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** What a stack's Dockerfile builder decided; compose.yaml and the manifests are derived from it. */
export interface ContainerPlan {
  stack: StackInfo;
  dockerfile: string;
  /** .dockerignore lines specific to the stack (the common ones are added by the caller). */
  ignore: string[];
  /** Port the container listens on; undefined for a non-service. */
  port?: number;
  /** HTTP path the health probe asks for; undefined for a non-service. */
  healthPath?: string;
  /** argv of the container health probe (Dockerfile HEALTHCHECK and compose healthcheck), when one fits. */
  healthcheck?: string[];
  uid: number;
  /** Paths the app writes to: tmpfs in compose, emptyDir in Kubernetes, so the root filesystem can be read-only. */
  writablePaths: string[];
  /** Environment the container gets. */
  env: Record<string, string>;
  /** Memory limit, in MiB: the option, else what suits the runtime. */
  memoryMiB: number;
  /** CPU limit in cores. */
  cpus: number;
  /** Seconds the app may need to start before probes count. */
  startSeconds: number;
  notes: string[];
}
