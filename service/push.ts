/**
 * Push notifications: the SDK's push-config store and its v1 serializer, with our checks around them. A push URL
 * must be https (http only with `--allow-insecure-push`); its host name is resolved and every address checked, and
 * loopback, private, link-local, CGNAT, multicast and unspecified addresses are refused unless `--allow-push-host`
 * names the host. The same check runs again before each delivery, and the connection goes to the addresses that were
 * checked (no second DNS answer can point it elsewhere); redirects are not followed. A failed delivery is retried
 * with exponential backoff; each request carries the config's token (`X-A2A-Notification-Token`) or its
 * `authentication` as the SDK's own sender does.
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { StreamResponse, Task, TaskPushNotificationConfig } from '@a2a-js/sdk';
import { RequestMalformedError } from '@a2a-js/sdk/errors';
import { InMemoryPushNotificationStore, V1PushNotificationSerializer, type PushNotificationSender, type ServerCallContext } from '@a2a-js/sdk/server';

export interface PushPolicy {
  /** Allow http:// push URLs (`--allow-insecure-push`). */
  allowInsecure: boolean;
  /** Host names or addresses that may resolve to loopback, private or link-local addresses (`--allow-push-host`). */
  allowHosts: string[];
  /** Deliveries after the first one fails (`--push-retries`). */
  retries: number;
  /** First wait before a retry; doubled each time. */
  backoffMs: number;
  /** One delivery attempt's limit. */
  timeoutMs: number;
}

export const DEFAULT_PUSH_RETRIES = 3;
export const DEFAULT_PUSH_BACKOFF_MS = 500;
export const DEFAULT_PUSH_TIMEOUT_MS = 5000;
export const TOKEN_HEADER = 'X-A2A-Notification-Token';

/** A push URL refused; the message says why and which flag would allow it. */
export class PushTargetError extends Error {}

const INTERNAL = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  INTERNAL.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) INTERNAL.addSubnet(net, bits, 'ipv6');

/** Whether an address is one a push must not reach unless its host is allowed (IPv4 inside IPv6 is checked as IPv4). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family !== 6) return true;
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (embedded) return INTERNAL.check(embedded[1]!, 'ipv4');
  const mapped = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return INTERNAL.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
  }
  return INTERNAL.check(address, 'ipv6');
}

export interface CheckedTarget {
  url: URL;
  addresses: { address: string; family: number }[];
}

/** Parses and resolves a push URL; throws PushTargetError naming the reason and the flag that would allow it. */
export async function checkPushTarget(raw: string, policy: PushPolicy): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PushTargetError(`push notification URL '${String(raw).slice(0, 200)}' is not a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowInsecure)) {
    throw new PushTargetError(`push notification URL ${url.origin}: only https is allowed${url.protocol === 'http:' ? ' (start the server with --allow-insecure-push for http)' : ''}`);
  }
  if (url.username || url.password) throw new PushTargetError('push notification URL: no user or password in the URL (use the config\'s token or authentication)');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch (err) {
    throw new PushTargetError(`push notification host ${host} does not resolve: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (addresses.length === 0) throw new PushTargetError(`push notification host ${host} does not resolve`);
  const allowed = policy.allowHosts.map((h) => h.replace(/^\[|\]$/g, '').toLowerCase()).includes(host);
  const internal = addresses.filter((a) => isInternalAddress(a.address));
  if (internal.length > 0 && !allowed) {
    throw new PushTargetError(`push notification host ${host} resolves to ${internal.map((a) => a.address).join(', ')}, a loopback, private or link-local address: refused (name it with --allow-push-host ${host} to allow it)`);
  }
  return { url, addresses };
}

/** The SDK's in-memory push-config store, refusing a config whose URL fails checkPushTarget (nothing is saved). */
export class CheckedPushStore extends InMemoryPushNotificationStore {
  constructor(private readonly policy: PushPolicy) {
    super();
  }

  override async save(taskId: string, context: ServerCallContext, config: TaskPushNotificationConfig): Promise<void> {
    try {
      await checkPushTarget(config.url, this.policy);
    } catch (err) {
      if (err instanceof PushTargetError) throw new RequestMalformedError(err.message);
      throw err;
    }
    return super.save(taskId, context, config);
  }
}

/** Delivers each stream event to the task's push configs, in order per task, retried with backoff. */
export class CheckedPushSender implements PushNotificationSender {
  private readonly serializer = new V1PushNotificationSerializer();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly store: CheckedPushStore,
    private readonly policy: PushPolicy,
    private readonly onLog?: (line: Record<string, unknown>) => void,
  ) {}

  async send(streamResponse: StreamResponse, context: ServerCallContext, task?: Task): Promise<void> {
    const payload = streamResponse.payload;
    const taskId = payload?.$case === 'task' ? payload.value.id : (payload?.value as { taskId?: string } | undefined)?.taskId;
    if (!taskId) return;
    const configs = await this.store.load(taskId, context);
    if (configs.length === 0) return;
    const { body, contentType } = this.serializer.serialize(streamResponse, task);
    const previous = this.chains.get(taskId) ?? Promise.resolve();
    const next = previous.then(() => Promise.all(configs.map((c) => this.deliver(taskId, c, body, contentType))).then(() => undefined));
    this.chains.set(taskId, next);
    void next.finally(() => {
      if (this.chains.get(taskId) === next) this.chains.delete(taskId);
    });
    return next;
  }

  private async deliver(taskId: string, config: TaskPushNotificationConfig, body: string, contentType: string): Promise<void> {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (config.authentication?.scheme && config.authentication.credentials) headers.authorization = `${config.authentication.scheme} ${config.authentication.credentials}`;
    else if (config.token) headers[TOKEN_HEADER] = config.token;
    let lastError = '';
    for (let attempt = 0; attempt <= this.policy.retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.policy.backoffMs * 2 ** (attempt - 1)));
      try {
        const target = await checkPushTarget(config.url, this.policy);
        const status = await post(target, headers, body, this.policy.timeoutMs);
        if (status >= 200 && status < 300) return;
        lastError = `HTTP ${status}`;
      } catch (err) {
        lastError = (err as Error).message;
        if (err instanceof PushTargetError) break; // refused now: retrying will not change that
      }
    }
    this.onLog?.({ time: new Date().toISOString(), event: 'push_failed', task_id: taskId, url: config.url, error: lastError });
  }
}

/** One POST to the checked addresses (the connection cannot be sent elsewhere by another DNS answer). */
function post(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  const pinned: LookupFunction = (_host, options, callback) => {
    const all = (options as { all?: boolean }).all;
    if (all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, target.addresses);
    else callback(null, target.addresses[0]!.address, target.addresses[0]!.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(target.url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup: pinned, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
