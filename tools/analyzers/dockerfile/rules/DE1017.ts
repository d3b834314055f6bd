import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { healthcheckPath, routeServes } from '../lib/app.js';

/** Endpoints a framework serves on its own, beside the app's routes. */
const FRAMEWORK_ENDPOINTS: Record<string, string[]> = {
  fastapi: ['/docs', '/redoc', '/openapi.json'],
  django: ['/admin/', '/admin/login/'],
};

export const DE1017: Rule = {
  id: 'DE1017',
  severity: 'warning',
  description: 'The HEALTHCHECK asks for a path the app does not serve, so the container is never healthy.',
  aliases: [],
  check({ model, project }) {
    if (!project) return [];
    const { path, instr } = healthcheckPath(model);
    if (!path || !instr) return [];
    const { facts, framework } = project;
    // File-based routing or a web root: what exists is served, which the routes table does not list.
    if (framework === 'next' || framework === 'nuxt' || project.language === 'php' || /\.[A-Za-z0-9]+$/.test(path)) return [];
    const routes = facts.routes.filter((r) => r.method === 'GET' || r.method === 'ANY');
    if (!routes.length && !facts.root) return [];
    const served = (path === '/' && facts.root !== undefined)
      || routes.some((r) => routeServes(r.path, path))
      || (FRAMEWORK_ENDPOINTS[framework ?? ''] ?? []).some((p) => routeServes(p, path));
    if (served) return [];
    const health = routes.find((r) => /health|ready|live|ping|status/i.test(r.path) && !/[:{<*]/.test(r.path));
    const better = health ? `${health.path} (${health.file}:${health.line})` : facts.root ? '/' : 'a TCP connect';
    return [hitAt(instr, `HEALTHCHECK asks for ${path}, which the app does not serve (${routes.length} GET route(s) found in the code): probe ${better} instead`)];
  },
};
