/**
 * An OTLP/HTTP receiver on 127.0.0.1 for tests: takes /v1/traces and /v1/metrics in protobuf (decoded with the
 * protobufjs types the OpenTelemetry transformer ships) or JSON, and keeps what came in, normalised to one shape.
 * `mode: 'hang'` accepts requests and never answers (a dead collector).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const root = createRequire(import.meta.url)('otlp-transformer-protobuf/build/src/generated/root.js');
const TraceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
const MetricsRequest = root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;

export type AttrValue = string | number | boolean | AttrValue[];

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  start: bigint;
  end: bigint;
  attributes: Record<string, AttrValue>;
  events: { name: string; attributes: Record<string, AttrValue> }[];
  status: { code: number; message?: string };
  resource: Record<string, AttrValue>;
}

export interface ReceivedPoint {
  metric: string;
  attributes: Record<string, AttrValue>;
  value: number;
}

export interface OtlpReceiver {
  url: string;
  spans: ReceivedSpan[];
  points: ReceivedPoint[];
  /** The content types of the requests received (`application/x-protobuf`, `application/json`). */
  contentTypes: string[];
  headers: http.IncomingHttpHeaders[];
  /** Every request body as text (protobuf decoded to JSON), for "does this string appear anywhere" checks. */
  raw: string[];
  /** Every request body as it came over the wire (protobuf or JSON bytes). */
  bodies: Buffer[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(options: { mode?: 'ok' | 'hang' } = {}): Promise<OtlpReceiver> {
  const received: OtlpReceiver = { url: '', spans: [], points: [], contentTypes: [], headers: [], raw: [], bodies: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (options.mode === 'hang') return;
      const body = Buffer.concat(chunks);
      const type = String(req.headers['content-type'] ?? '');
      received.contentTypes.push(type);
      received.headers.push(req.headers);
      const json = type.includes('json');
      const signal = req.url?.endsWith('/v1/traces') ? 'traces' : req.url?.endsWith('/v1/metrics') ? 'metrics' : undefined;
      if (!signal) {
        res.writeHead(404).end();
        return;
      }
      const Request = signal === 'traces' ? TraceRequest : MetricsRequest;
      const message = json ? JSON.parse(body.toString('utf8')) : Request.toObject(Request.decode(body), { longs: String, defaults: false });
      received.raw.push(JSON.stringify(message));
      received.bodies.push(body);
      if (signal === 'traces') received.spans.push(...spansOf(message, json));
      else received.points.push(...pointsOf(message));
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : Buffer.alloc(0));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  received.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  received.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return received;
}

function id(value: unknown, json: boolean): string {
  if (!value) return '';
  if (json) return String(value);
  return Buffer.from(value as Uint8Array).toString('hex');
}

function anyValue(v: any): AttrValue {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(anyValue);
  return '';
}

function attrs(list: any[] | undefined): Record<string, AttrValue> {
  return Object.fromEntries((list ?? []).map((a) => [a.key, anyValue(a.value ?? {})]));
}

function spansOf(message: any, json: boolean): ReceivedSpan[] {
  return (message.resourceSpans ?? []).flatMap((rs: any) =>
    (rs.scopeSpans ?? []).flatMap((ss: any) =>
      (ss.spans ?? []).map((s: any) => ({
        traceId: id(s.traceId, json),
        spanId: id(s.spanId, json),
        parentSpanId: id(s.parentSpanId, json),
        name: s.name,
        kind: s.kind ?? 0,
        start: BigInt(s.startTimeUnixNano),
        end: BigInt(s.endTimeUnixNano),
        attributes: attrs(s.attributes),
        events: (s.events ?? []).map((e: any) => ({ name: e.name, attributes: attrs(e.attributes) })),
        status: { code: s.status?.code ?? 0, message: s.status?.message },
        resource: attrs(rs.resource?.attributes),
      })),
    ),
  );
}

function pointsOf(message: any): ReceivedPoint[] {
  return (message.resourceMetrics ?? []).flatMap((rm: any) =>
    (rm.scopeMetrics ?? []).flatMap((sm: any) =>
      (sm.metrics ?? []).flatMap((m: any) => {
        const data = m.sum ?? m.histogram ?? m.gauge;
        return (data?.dataPoints ?? []).map((p: any) => ({
          metric: m.name,
          attributes: attrs(p.attributes),
          value: Number(p.asDouble ?? p.asInt ?? p.sum ?? 0),
        }));
      }),
    ),
  );
}
