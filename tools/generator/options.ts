/** Options shared by the Dockerfile, Compose and Kubernetes generators. */
export interface GenerateOptions {
  /**
   * Replace the base images (e.g. local images in tests): `build` for every builder stage, `runtime`
   * for the final stage. Stacks with a single stage use `runtime`.
   */
  baseImages?: { build?: string; runtime?: string };
  /**
   * Digests to pin base images with, by image reference as generated (`node:22-bookworm-slim` ->
   * `sha256:…`); `docker buildx imagetools inspect <image>` prints them. Pinned images become `image@sha256:…`.
   */
  digests?: Record<string, string>;
  /** Port the app listens on; default: detected, else the stack's usual port. */
  port?: number;
  /** Health endpoint probed by HEALTHCHECK and the probes; default: the app's own health route, else `/` when served, else TCP. */
  healthPath?: string;
  /** Probe with a TCP connect instead of an HTTP path (the verify loop's repair when no path answers). */
  tcpProbe?: boolean;
  /**
   * Local stand-ins for base images, for engines without registry access (`--base-image NAME=LOCALREF`): keyed by
   * a full reference (`node:22-bookworm-slim`) or a repository (`node`, any tag). `baseImages` wins over it.
   */
  baseImageMap?: Record<string, string>;
  /** Numeric uid (and gid) the container runs as. */
  uid?: number;
  /** Memory limit of the container in MiB (compose and Kubernetes); default: what suits the runtime (256 to 1024). */
  memoryMiB?: number;
  /** CPU limit in cores (compose `cpus`, Kubernetes `limits.cpu`). */
  cpus?: number;
  /** Image reference used by compose.yaml and the manifests; default `<name>:<appVersion or 0.1.0>`. */
  image?: string;
}

/** Non-root, above 10000 (kube-score/Checkov/Trivy want > 10000), not a uid of any distro user. */
export const DEFAULT_UID = 10001;
/** CPU limit when none is given, in cores. */
export const DEFAULT_CPU_LIMIT = 1;
/** Smallest memory limit accepted: below it no runtime here starts. */
export const MIN_MEMORY_MIB = 32;

/** Tag of the built image when the project declares no version. */
export const DEFAULT_IMAGE_TAG = '0.1.0';

export function positiveInt(value: number, field: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${field} ${value}: must be an integer >= ${min}`);
  return value;
}
