/**
 * What operators use: `/healthz` (the process answers), `/readyz` (the store answers and the server takes tasks),
 * `/metrics` (Prometheus text; it needs a key like every other request, since task counts and costs are not for
 * anyone on the network), and the `--retention` sweep that removes old tasks and their folders.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import type { ServiceMetrics } from './metrics.js';
import type { Scheduler } from './scheduler.js';
import type { ServiceTaskStore } from './task-store.js';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export const METRICS_PATH = '/metrics';
/** Tasks and their folders are kept this long after their last status change (`--retention`). */
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** How often the retention sweep runs (at most; a shorter retention sweeps as often as it is long). */
export const SWEEP_INTERVAL_MS = 60_000;

export function operationsRouter(store: ServiceTaskStore, scheduler: Scheduler, metrics: ServiceMetrics): Router {
  const router = express.Router();
  router.get(HEALTH_PATH, (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get(READY_PATH, (_req, res) => {
    void store.ping().then((up) => {
      const draining = scheduler.isPaused;
      const ready = up && !draining;
      res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', store: up ? 'ok' : 'not answering', accepting: !draining });
    });
  });
  router.get(METRICS_PATH, (_req, res) => {
    metrics.metrics().then(
      (text) => res.type(metrics.contentType).send(text),
      (err: Error) => res.status(500).type('text/plain').send(`metrics could not be collected: ${err.message}\n`),
    );
  });
  return router;
}

/** Removes the tasks whose status last changed more than `retentionMs` before `now`, store rows and folders. */
export async function sweepExpired(store: ServiceTaskStore, dataDir: string, retentionMs: number, now = Date.now()): Promise<string[]> {
  const expired = await store.finishedBefore(now - retentionMs);
  for (const ref of expired) {
    // Folder names are task ids the executor accepted; never let a stored id name another path.
    if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(ref.id)) rmSync(path.join(dataDir, 'tasks', ref.id), { recursive: true, force: true });
    await store.remove(ref);
  }
  return expired.map((r) => r.id);
}
