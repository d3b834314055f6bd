/** App facts read from the code: what a server serves, where it listens, what it reads and writes at run time. */
import { getRoutes, hasParams } from './common.js';
import { HEALTH_ROUTE_NAMES, isHealthLike, type AppFacts, type HealthProbeChoice } from './types.js';

export * from './types.js';
export { nodeFacts } from './node.js';
export { pythonFacts, pythonAppObjects, pythonSources, modulePath } from './python.js';
export { goFacts } from './go.js';
export { rustFacts } from './rust.js';
export { dotnetFacts } from './dotnet.js';
export { javaFacts } from './java.js';
export { phpFacts } from './php.js';
export { rubyFacts } from './ruby.js';

/**
 * The probe a container gets: an existing health or readiness route, else `/` when the app serves it, else a TCP
 * connect. Never a path the code does not serve.
 */
export function chooseHealthProbe(facts: AppFacts): HealthProbeChoice {
  const candidates = getRoutes(facts).filter((r) => !hasParams(r.path) && isHealthLike(r.path));
  if (candidates.length) {
    const rank = (p: string) => {
      const i = HEALTH_ROUTE_NAMES.indexOf(p.replace(/\/$/, ''));
      return i < 0 ? HEALTH_ROUTE_NAMES.length + p.length : i;
    };
    const best = [...candidates].sort((a, b) => rank(a.path) - rank(b.path))[0];
    return { kind: 'http', path: best.path, why: `the app's own route ${best.path} (${best.file}:${best.line})`, ref: { file: best.file, line: best.line } };
  }
  if (facts.root) return { kind: 'http', path: '/', why: `/ is served: ${facts.root.via} (${facts.root.file}:${facts.root.line})`, ref: { file: facts.root.file, line: facts.root.line } };
  return { kind: 'tcp', why: 'the code shows no health route and does not serve /: the probe only checks that the port accepts connections' };
}
