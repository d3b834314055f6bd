/**
 * OpenTelemetry for runs, beside the loop: a run's events become spans and metrics. The SDK is imported only when the
 * standard variables ask for it (an OTLP endpoint is set and OTEL_SDK_DISABLED is not true); otherwise nothing of
 * OpenTelemetry is loaded and a run pays nothing. The SDK side is otel.ts; this file must stay free of its imports.
 */
import type { AgentEvent } from '../events.js';

/** A caller's W3C trace context (`serve` takes it from the request's headers). */
export interface TraceHeaders {
  traceparent: string;
  tracestate?: string;
}

/** Where a run's `invoke_agent` span hangs: under a parent run's `execute_tool Task` span, or a caller's trace. */
export type TelemetryParent = { kind: 'span'; span: unknown } | { kind: 'w3c'; headers: TraceHeaders };

export interface RunInfo {
  agent: string;
  /** The first user message (recorded only with content capture on). */
  task: string;
  parent?: TelemetryParent;
}

/** One run's telemetry: fed every event of the run; its `result` event ends the run's span. */
export interface RunTelemetry {
  onEvent(event: AgentEvent): void;
  /** The parent of a Task sub-agent started by the call `toolUseId`. */
  parentFor(toolUseId: string | undefined): TelemetryParent | undefined;
}

export interface Telemetry {
  startRun(info: RunInfo): RunTelemetry;
  /** Flushes and stops the exporters. */
  shutdown(): Promise<void>;
}

/** Longest wait for the last export at exit (DOCKER_EXPERT_OTEL_FLUSH_TIMEOUT_MS): a dead collector never holds a run. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 5_000;

const ENDPOINTS = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT'];

export function telemetryWanted(env: NodeJS.ProcessEnv): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  return ENDPOINTS.some((name) => (env[name] ?? '').trim() !== '');
}

let loading: Promise<Telemetry | undefined> | undefined;

/**
 * Where the CLI's exit path (cli/main.ts) finds the bounded flush, set once telemetry starts: main.ts does not import
 * this module, which would then be a chunk of its own that every command loads and evaluates (some 1.1 M instructions
 * of a one-turn run's 740 M, with no OTEL_* variable); imported from start.ts only, it is bundled into start.ts's chunk.
 * cli/main.ts spells the same key: the OpenTelemetry tests (test/telemetry) see no span arrive if the two differ.
 */
export const EXIT_FLUSH_KEY = 'docker-expert.telemetry.exit-flush';
export type ExitFlush = (env: NodeJS.ProcessEnv) => Promise<void>;

/**
 * The process's telemetry, started on first use from the OTEL_* variables, or undefined when they do not ask for it
 * (or its configuration is unusable: `warn` says why, once, and runs go on without it).
 */
export function telemetryFor(env: NodeJS.ProcessEnv, warn?: (message: string) => void): Promise<Telemetry | undefined> {
  if (!telemetryWanted(env)) return Promise.resolve(undefined);
  (globalThis as Record<symbol, ExitFlush>)[Symbol.for(EXIT_FLUSH_KEY)] ??= (exitEnv) => shutdownTelemetry(flushTimeoutMs(exitEnv));
  loading ??= import('./otel.js')
    .then((m) => m.startTelemetry(env))
    .catch((err: Error) => {
      warn?.(`OpenTelemetry is off for this process: ${err.message}`);
      return undefined;
    });
  return loading;
}

export function flushTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env.DOCKER_EXPERT_OTEL_FLUSH_TIMEOUT_MS;
  const n = raw === undefined || raw.trim() === '' ? DEFAULT_FLUSH_TIMEOUT_MS : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_FLUSH_TIMEOUT_MS;
}

/** At exit: the last spans and metrics go out, waiting at most `timeoutMs`. Does nothing when telemetry never started. */
export async function shutdownTelemetry(timeoutMs: number): Promise<void> {
  if (!loading) return;
  const started = loading;
  loading = undefined;
  const t = await started;
  if (!t) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([t.shutdown().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}
