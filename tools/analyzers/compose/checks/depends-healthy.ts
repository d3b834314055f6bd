import { isRecord } from '../model.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-DEPENDS-HEALTHY',
  severity: 'info',
  title: 'depends_on does not wait for a healthy dependency',
  aliases: [],
  helpUri: 'https://docs.docker.com/compose/how-tos/startup-order/',
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    const healthy = new Set(ctx.services.filter((s) => isRecord(s.value.healthcheck) && s.value.healthcheck.disable !== true).map((s) => s.name));
    for (const s of ctx.services) {
      const deps = s.value.depends_on;
      const entries: [string, unknown][] = Array.isArray(deps) ? deps.map((d: unknown) => [String(d), undefined]) : isRecord(deps) ? Object.entries(deps) : [];
      entries.forEach(([dep, cond], i) => {
        if (!healthy.has(dep)) return;
        if (isRecord(cond) && cond.condition === 'service_healthy') return;
        out.push({ path: [...s.path, 'depends_on', Array.isArray(deps) ? i : dep], message: `service "${s.name}" starts as soon as "${dep}" starts, not when its healthcheck passes: use condition: service_healthy` });
      });
    }
    return out;
  },
};
