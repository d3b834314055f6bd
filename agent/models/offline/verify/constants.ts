// The verify loop's settings, apart from the loop so that the CLI and the permission rules name them without loading it.

/** Rounds of build-run-probe-repair. */
export const DEFAULT_VERIFY_ROUNDS = 3;
/** How long a started container may take to listen, on top of the app's own start period. */
export const LISTEN_GRACE_MS = 45_000;
/** Longest a build may take (the Bash tool's own maximum). */
export const BUILD_TIMEOUT_MS = 600_000;
/** Names of everything the loop creates start with this; the `--verify` permission rules match it. */
export const VERIFY_PREFIX = 'docker-expert-verify';
/** The label on every container the verify loop starts: its run id (a service task's janitor finds them by it). */
export const RUN_LABEL = 'docker-expert.run';
