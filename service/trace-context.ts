/**
 * A caller's W3C trace context (`traceparent`, `tracestate` headers), carried from the request to the run it starts, so
 * the run's `invoke_agent` span joins the caller's trace. The A2A SDK hands the executor no request headers, so the
 * headers travel in an AsyncLocalStorage set after the body is read (from there on the SDK's calls are promise chains).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { TraceHeaders } from '../agent/telemetry/index.js';

const store = new AsyncLocalStorage<TraceHeaders>();

export function traceContext(req: Request, _res: Response, next: NextFunction): void {
  const traceparent = req.headers.traceparent;
  if (typeof traceparent !== 'string' || traceparent === '') return next();
  const tracestate = req.headers.tracestate;
  store.run({ traceparent, ...(typeof tracestate === 'string' ? { tracestate } : {}) }, next);
}

/** The trace headers of the request being served, if it had any. */
export function requestTraceHeaders(): TraceHeaders | undefined {
  return store.getStore();
}
