/**
 * The checks every request passes before the SDK sees it, as for `mcp --http`: a Host naming this server (DNS
 * rebinding), no Origin unless `--allow-origin` names it (browsers), and `Authorization: Bearer <key>` with a key of
 * `docker-expert keys create` (the agent card alone is public). The key's id becomes the SDK user's name, so the
 * task store shows each key only its own tasks.
 */
import { UnauthenticatedUser, type User } from '@a2a-js/sdk/server';
import type { NextFunction, Request, Response } from 'express';
import type { KeyVerifier, VerifiedKey } from './keys.js';
import type { Reservation } from './scheduler.js';

const LOCAL_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'];
const verifiedKeys = new WeakMap<Request, VerifiedKey>();

export class KeyUser implements User {
  readonly isAuthenticated = true;
  constructor(
    /** The key's id: the owner of its tasks. */
    readonly userName: string,
    readonly keyName: string,
    /** The place this request's admission check held for the task it creates (admission.ts); taken once. */
    private reservation?: Reservation,
  ) {}

  /** This request's place, once: the executor that queues the task takes it over. */
  takeReservation(): Reservation | undefined {
    const r = this.reservation;
    this.reservation = undefined;
    return r;
  }
}

/** The place held by the request `user` came from (undefined for other users, or when taken already). */
export function reservationOf(user: User | undefined): Reservation | undefined {
  return user instanceof KeyUser ? user.takeReservation() : undefined;
}

/** The id of the key requestChecks verified for this request. */
export function keyIdOf(req: Request): string | undefined {
  return verifiedKeys.get(req)?.id;
}

/**
 * The SDK's UserBuilder: the key requestChecks verified, carrying the place `reservationFor` says the request holds.
 * The place travels with the request's own user, so a task takes its own request's place and no other.
 */
export async function userBuilder(req: Request, reservationFor?: (req: Request) => Reservation | undefined): Promise<User> {
  const key = verifiedKeys.get(req);
  return key ? new KeyUser(key.id, key.name, reservationFor?.(req)) : new UnauthenticatedUser();
}

export interface CheckOptions {
  keys: KeyVerifier;
  /** Host names besides the local ones that a request may name (the one bound). */
  hosts: string[];
  allowOrigins: string[];
  /** Paths served without a key (GET only). */
  publicPaths: string[];
}

export function requestChecks(options: CheckOptions) {
  const hosts = new Set([...LOCAL_HOSTNAMES, ...options.hosts.map((h) => h.toLowerCase())]);
  const origins = new Set(options.allowOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = req.headers.host;
    if (!host || !hosts.has(hostnameOf(host).toLowerCase())) return refuse(res, 403, `Host '${host ?? ''}' is not allowed; this server answers requests for ${[...hosts].join(', ')}`);
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return refuse(res, 403, `Origin '${origin}' is not allowed; name it with --allow-origin to let that page call this server`);
    if ((req.method === 'GET' || req.method === 'HEAD') && options.publicPaths.includes(req.path)) return next();
    // (Node's HTTP parser strips blanks around a header value.)
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const unauthorized = () => {
      res.setHeader('WWW-Authenticate', 'Bearer realm="docker-expert"');
      refuse(res, 401, 'missing or wrong API key: send Authorization: Bearer <key> (docker-expert keys create NAME makes one)');
    };
    if (!m) return unauthorized();
    options.keys.verify(m[1]!).then(
      (key) => {
        if (!key) return unauthorized();
        verifiedKeys.set(req, key);
        next();
      },
      (err: Error) => refuse(res, 500, `could not check the key: ${err.message}`),
    );
  };
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0]!;
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status).json({ error: { code: status, message } });
}
