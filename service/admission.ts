/**
 * The per-key limits, checked when a message that would create a task arrives (before the SDK creates it): the
 * scheduler holds a place in the queue for the request's key, or the request is answered 429 (a limit) or 503
 * (draining) with a JSON-RPC or REST error body. The place belongs to its request (the SDK user built for it carries
 * it, auth.ts); the executor takes it over when it queues the task; a request that ends without a task gives it back.
 */
import type { NextFunction, Request, Response } from 'express';
import { SchedulerRefusal, type Reservation } from './scheduler.js';

/** What holds the places: the in-process Scheduler, or on PostgreSQL the database (service/pg/admission.ts). */
export interface Reserver {
  reserve(key: string): Reservation | Promise<Reservation>;
}

/** JSON-RPC error code of a refused task (implementation-defined server error range). */
export const TOO_MANY_TASKS_CODE = -32029;

const SEND_METHODS = new Set(['SendMessage', 'SendStreamingMessage', 'message/send', 'message/stream']);
const REST_SEND = /\/message:(send|stream)$/;

export interface Admission {
  /** Express middleware for the JSON-RPC and REST endpoints (after the body parser and the key check). */
  middleware(kind: 'jsonrpc' | 'rest'): (req: Request, res: Response, next: NextFunction) => void;
  /** The place held by this request (the user builder hands it to the request's user). */
  reservationOf(req: Request): Reservation | undefined;
}

export function createAdmission(scheduler: Reserver, keyOf: (req: Request) => string | undefined): Admission {
  const held = new WeakMap<Request, Reservation>();
  return {
    middleware: (kind) => (req, res, next) => {
      const body = req.body as Record<string, unknown> | undefined;
      const key = keyOf(req);
      if (key === undefined || !createsTask(kind, req, body)) return next();
      const refuse = (err: SchedulerRefusal) => {
        if (err.status === 503) res.setHeader('Retry-After', '30');
        if (kind === 'jsonrpc') {
          res.status(err.status).json({ jsonrpc: '2.0', id: (body?.id as string | number | undefined) ?? null, error: { code: TOO_MANY_TASKS_CODE, message: err.message } });
        } else {
          res.status(err.status).json({ error: { code: err.status, status: err.status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE', message: err.message } });
        }
      };
      const admitted = (reservation: Reservation) => {
        held.set(req, reservation);
        res.once('close', () => reservation.release());
        next();
      };
      let reserved: Reservation | Promise<Reservation>;
      try {
        reserved = scheduler.reserve(key);
      } catch (err) {
        if (!(err instanceof SchedulerRefusal)) throw err;
        return refuse(err);
      }
      if (!(reserved instanceof Promise)) return admitted(reserved);
      reserved.then(admitted, (err: unknown) => (err instanceof SchedulerRefusal ? refuse(err) : next(err)));
    },
    reservationOf: (req) => held.get(req),
  };
}

/** A message without a task id: it starts a new task (a follow-up names its task). */
function createsTask(kind: 'jsonrpc' | 'rest', req: Request, body: Record<string, unknown> | undefined): boolean {
  if (req.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return false;
  let message: unknown;
  if (kind === 'jsonrpc') {
    if (!SEND_METHODS.has(body.method as string)) return false;
    message = (body.params as Record<string, unknown> | undefined)?.message;
  } else {
    if (!REST_SEND.test(req.path)) return false;
    message = body.message;
  }
  if (!message || typeof message !== 'object') return true;
  const m = message as Record<string, unknown>;
  return !(m.taskId || m.task_id);
}
