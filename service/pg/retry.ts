/**
 * A write a worker cannot skip (a journal record, a task event) is retried while the database is away for a moment
 * (a restart, a failover): connection errors are waited out for up to `DB_OUTAGE_MS`, anything else fails at once.
 */
export const DB_OUTAGE_MS = 60_000;

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (e?.code && CONNECTION_CODES.has(e.code)) return true;
  return /Connection terminated|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

export async function retryingConnection<T>(fn: () => Promise<T>, outageMs = DB_OUTAGE_MS): Promise<T> {
  const until = Date.now() + outageMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await fn();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() + delay > until) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
