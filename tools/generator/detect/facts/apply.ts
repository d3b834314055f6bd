import type { ProjectDir } from '../project-dir.js';
import type { StackInfo } from '../../stack.js';
import { chooseHealthProbe } from './index.js';
import type { AppFacts, ListenFact } from './types.js';

/** The StackInfo fields every detector derives the same way from the app facts. */
export type FactFields = Pick<StackInfo, 'facts' | 'healthProbe' | 'healthPath' | 'bindFix' | 'localOnly' | 'writableDirs'>;

/**
 * Health probe, bind fix and writable folders from the facts; notes each decision as evidence.
 * `port` is the port the container will use (the app is told with PORT, or its own variable).
 */
export function factFields(dir: ProjectDir, facts: AppFacts, port: number | undefined): FactFields {
  const healthProbe = chooseHealthProbe(facts);
  if (healthProbe.kind === 'http') dir.note(healthProbe.ref?.file ?? '.', `health probe ${healthProbe.path}: ${healthProbe.why}`);
  else dir.note('.', `health probe: TCP connect (${healthProbe.why})`);
  const out: FactFields = {
    facts,
    healthProbe,
    healthPath: healthProbe.kind === 'http' ? healthProbe.path : undefined,
  };
  const listen = facts.listen;
  if (listen) {
    dir.note(listen.file, `listen: ${listen.why}${listen.port ? `, port ${listen.port}` : ''}${listen.portEnv ? ` (or $${listen.portEnv})` : ''}`);
    const env: Record<string, string> = {};
    if (listen.portEnv && listen.portEnv !== 'PORT' && port !== undefined) env[listen.portEnv] = String(port);
    if (listen.localOnly) {
      const fix = bindFix(listen, port);
      if (fix) {
        out.bindFix = { ...fix, env: { ...env, ...fix.env } };
        dir.note(listen.file, `binds loopback by default (${listen.why}): ${fix.why}`);
      } else {
        out.localOnly = { file: listen.file, line: listen.line, why: listen.why };
        dir.note(listen.file, `binds loopback only (${listen.why}) and has no switch for it: the published port will not answer`);
      }
    } else if (Object.keys(env).length) out.bindFix = { env, why: `the app reads its port from ${listen.portEnv}` };
  }
  const writable = facts.writable.map((w) => w.path).filter((p) => p !== '.');
  if (facts.writable.some((w) => w.path === '.')) writable.unshift('.');
  if (writable.length) {
    out.writableDirs = [...new Set(writable)];
    for (const w of facts.writable) dir.note(w.file, `writes ${w.path} at run time (${w.via})`);
  }
  return out;
}

/** The app's own switch for its bind address, when it has one. */
function bindFix(listen: ListenFact, port: number | undefined): { env?: Record<string, string>; args?: string[]; why: string } | undefined {
  if (listen.hostEnv) {
    const value = listen.hostEnvValue ?? (listen.hostEnvWithPort && port !== undefined ? `:${port}` : '0.0.0.0');
    return { env: { [listen.hostEnv]: value }, why: `${listen.hostEnv}=${value} makes it listen on every interface` };
  }
  if (listen.addrFlag) {
    const d = listen.addrFlag.default;
    const value = /:\d+$/.test(d) ? `:${port ?? d.split(':').pop()}` : '0.0.0.0';
    return { args: [`-${listen.addrFlag.flag}=${value}`], why: `-${listen.addrFlag.flag}=${value} on the command line` };
  }
  return undefined;
}
