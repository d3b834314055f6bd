/** How ShellCheck is found and run on the RUN scripts of a Dockerfile. */
export interface ShellcheckOptions {
  /** The binary to run. Default: `$DOCKER_EXPERT_SHELLCHECK`, else `shellcheck` on `PATH`. */
  binary?: string;
  /** Where `PATH` and `DOCKER_EXPERT_SHELLCHECK` are read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Limit for the one ShellCheck process per Dockerfile (default SHELLCHECK_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** A path to the ShellCheck binary, or `off` (also `0`, `false`, `no`) to not run it. */
export const SHELLCHECK_ENV = 'DOCKER_EXPERT_SHELLCHECK';

export const SHELLCHECK_TIMEOUT_MS = 20_000;
