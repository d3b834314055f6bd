/**
 * What the application's own code says about how it serves: routes, where it listens, files it reads at run time.
 * Every fact carries the file and line it was read from, so generated files, findings and reports can point at it.
 */

export interface SourceRef {
  /** Path relative to the project root. */
  file: string;
  line: number;
}

export interface RouteFact extends SourceRef {
  /** `GET`, `ANY` (matches every method), ... */
  method: string;
  /** The full path as served (mount prefixes applied where they could be followed). */
  path: string;
}

export interface ListenFact extends SourceRef {
  /** Literal port the code falls back to. */
  port?: number;
  /** Environment variable the port is read from (`PORT`). */
  portEnv?: string;
  /** Literal address bound (`127.0.0.1`, `0.0.0.0`, `localhost`); undefined = the framework's default. */
  host?: string;
  /** Environment variable that sets the address, when the code reads one. */
  hostEnv?: string;
  /** What to set hostEnv to (default `0.0.0.0`): `1` when the code only tests that the variable exists. */
  hostEnvValue?: string;
  /** The variable holds `host:port` (Go's `ADDR=localhost:8080`), not a bare host. */
  hostEnvWithPort?: boolean;
  /** Command-line flag that sets the address (`-addr` for Go's flag package), with its default. */
  addrFlag?: { flag: string; default: string };
  /** True when the code, as configured by default, accepts only loopback connections. */
  localOnly: boolean;
  /** How the bind was decided, for reports (`fastify.listen() without host binds 127.0.0.1`). */
  why: string;
}

export interface RuntimeFileFact extends SourceRef {
  /** Project-relative path read at run time (a folder or a file), as it exists in the project. */
  path: string;
  /** What reads it (`template.ParseGlob`, `express.static`...). */
  via: string;
}

export interface AppFacts {
  routes: RouteFact[];
  /** Where `/` is answered (a route, a static index page, a front controller), when it is. */
  root?: SourceRef & { via: string };
  listen?: ListenFact;
  /** Files and folders the server reads at run time, relative to its working directory (the project root). */
  runtimeFiles: RuntimeFileFact[];
  /** Folders the server writes at run time (SQLite files, uploads, caches). */
  writable: RuntimeFileFact[];
  /** Files compiled into the binary (`//go:embed`): nothing to copy for them. */
  embedded: RuntimeFileFact[];
}

export function emptyFacts(): AppFacts {
  return { routes: [], runtimeFiles: [], writable: [], embedded: [] };
}

/** How the container's health is probed: an HTTP GET of a path the app serves, or a TCP connect when none is known. */
export type HealthProbeChoice =
  | { kind: 'http'; path: string; why: string; ref?: SourceRef }
  | { kind: 'tcp'; why: string };

/** Route names that mean "is the process healthy/ready", most preferred first. */
export const HEALTH_ROUTE_NAMES = [
  '/healthz', '/health', '/livez', '/readyz', '/health/live', '/health/ready', '/api/health', '/api/healthz',
  '/actuator/health', '/up', '/ready', '/ping', '/status', '/api/ping', '/api/status', '/_health', '/heartbeat',
];

const HEALTH_LIKE = /(^|\/)(_?health(z|check)?|livez?|liveness|readyz?|readiness|ping|status|up|heartbeat)(\/(live|ready|liveness|readiness))?$/i;

/** Whether a served path reads as a health route. */
export function isHealthLike(path: string): boolean {
  return HEALTH_LIKE.test(path.length > 1 ? path.replace(/\/+$/, '') : path);
}
