import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { finalCommand, finalEnv } from '../lib/app.js';

const LOOPBACK = /^(localhost|127\.0\.0\.1|::1|\[::1\])(:\d+)?$/;

export const DE1020: Rule = {
  id: 'DE1020',
  severity: 'warning',
  description: 'The app listens on localhost only, so the published port answers nothing.',
  aliases: [],
  check({ model, project }) {
    const listen = project?.facts.listen;
    if (!project || !listen?.localOnly) return [];
    const { argv, instr } = finalCommand(model);
    if (!instr) return [];
    // A server started by its own command line (gunicorn --bind, uvicorn --host) does not use the code's run() bind.
    if (project.language === 'python' && !argv.some((a) => a.endsWith('.py') || a === '-m')) return [];
    const env = finalEnv(model);
    if (listen.hostEnv && env.has(listen.hostEnv) && !LOOPBACK.test(env.get(listen.hostEnv) ?? '')) return [];
    if (listen.addrFlag && argv.some((a, i) => (a === `-${listen.addrFlag!.flag}` || a === `--${listen.addrFlag!.flag}`) ? !LOOPBACK.test(argv[i + 1] ?? '') : new RegExp(`^--?${listen.addrFlag!.flag}=`).test(a) && !LOOPBACK.test(a.split('=')[1]))) return [];
    const fix = listen.hostEnv ? `set ENV ${listen.hostEnv}=${listen.hostEnvValue ?? '0.0.0.0'}` : listen.addrFlag ? `pass -${listen.addrFlag.flag}=:${listen.port ?? 8080}` : 'make it listen on 0.0.0.0 (the code has no setting for it)';
    return [hitAt(instr, `${listen.file}:${listen.line}: the app ${listen.why}, so the published port answers nothing: ${fix}`)];
  },
};
