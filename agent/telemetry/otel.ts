/**
 * The OpenTelemetry SDK side of agent/telemetry (loaded only when the OTEL_* variables ask for it): OTLP/HTTP exporters
 * (protobuf or JSON, as OTEL_EXPORTER_OTLP_PROTOCOL says; endpoints, headers and timeouts read by the exporters
 * themselves), a batching span processor and a periodic metric reader, and the mapping of run events onto the GenAI
 * semantic conventions (run-tracer.ts).
 */
import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Telemetry } from './index.js';
import { createInstruments, RunTracer } from './run-tracer.js';

/** OTEL_METRIC_EXPORT_INTERVAL's default (the specification's): metrics go out each minute, and at exit. */
export const DEFAULT_METRIC_EXPORT_INTERVAL_MS = 60_000;
const SCOPE = 'docker-expert';

export function startTelemetry(env: NodeJS.ProcessEnv): Telemetry {
  const version = packageVersion();
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'docker-expert', [ATTR_SERVICE_VERSION]: version })
    .merge(resourceFromAttributes(parseKeyPairsIntoRecord(env.OTEL_RESOURCE_ATTRIBUTES)))
    .merge(env.OTEL_SERVICE_NAME ? resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME }) : null);

  const tracesOn = signalOn(env, 'TRACES');
  const metricsOn = signalOn(env, 'METRICS');
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: tracesOn ? [new BatchSpanProcessor(protocol(env, 'TRACES') === 'http/json' ? new JsonTraceExporter() : new ProtoTraceExporter())] : [],
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: metricsOn
      ? [
          new PeriodicExportingMetricReader({
            exporter: protocol(env, 'METRICS') === 'http/json' ? new JsonMetricExporter() : new ProtoMetricExporter(),
            exportIntervalMillis: positiveInt(env.OTEL_METRIC_EXPORT_INTERVAL, DEFAULT_METRIC_EXPORT_INTERVAL_MS),
          }),
        ]
      : [],
  });
  const tracer = tracerProvider.getTracer(SCOPE, version);
  const instruments = createInstruments(meterProvider.getMeter(SCOPE, version));
  const capture = captureContent(env);
  return {
    startRun: (info) => new RunTracer(tracer, instruments, info, capture),
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/** A signal is exported when an endpoint names it (its own or the general one) and its exporter is not `none`. */
function signalOn(env: NodeJS.ProcessEnv, signal: 'TRACES' | 'METRICS'): boolean {
  if ((env[`OTEL_${signal}_EXPORTER`] ?? '').trim() === 'none') return false;
  return Boolean(env[`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`]?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/** `http/protobuf` (the default) or `http/json`; gRPC needs another exporter and is refused with a clear message. */
function protocol(env: NodeJS.ProcessEnv, signal: 'TRACES' | 'METRICS'): 'http/protobuf' | 'http/json' {
  const name = env[`OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`] ? `OTEL_EXPORTER_OTLP_${signal}_PROTOCOL` : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const value = (env[name] ?? 'http/protobuf').trim() || 'http/protobuf';
  if (value === 'http/protobuf' || value === 'http/json') return value;
  throw new Error(`${name}=${value} is not supported: use http/protobuf (the default) or http/json`);
}

/** Prompts, completions, tool arguments and results go into spans only when asked for. */
function captureContent(env: NodeJS.ProcessEnv): boolean {
  return [env.OTEL_GENAI_CAPTURE_CONTENT, env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT].some((v) => (v ?? '').trim().toLowerCase() === 'true');
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
