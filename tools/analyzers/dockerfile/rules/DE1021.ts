import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { exposedPorts, finalCommand, finalEnv, portFromArgs } from '../lib/app.js';

export const DE1021: Rule = {
  id: 'DE1021',
  severity: 'warning',
  description: 'EXPOSE names another port than the one the app listens on.',
  aliases: [],
  check({ model, project }) {
    if (!project) return [];
    const exposed = exposedPorts(model);
    if (!exposed.length) return [];
    const { argv } = finalCommand(model);
    let port = portFromArgs(argv);
    let why = port !== undefined ? `the command line (${argv.slice(0, 4).join(' ')}…)` : '';
    const listen = project.facts.listen;
    if (port === undefined && listen && (project.language !== 'python' || argv.some((a) => a.endsWith('.py') || a === '-m'))) {
      const env = finalEnv(model);
      const fromEnv = listen.portEnv ? env.get(listen.portEnv) : undefined;
      if (fromEnv && /^\d+$/.test(fromEnv)) {
        port = Number(fromEnv);
        why = `ENV ${listen.portEnv}=${fromEnv}, which ${listen.file}:${listen.line} reads`;
      } else if (listen.port !== undefined && !(listen.portEnv && fromEnv)) {
        port = listen.port;
        why = `${listen.file}:${listen.line}${listen.portEnv ? ` (${listen.portEnv} is not set)` : ''}`;
      }
    }
    if (port === undefined || exposed.some((e) => e.port === port)) return [];
    return [hitAt(exposed[0].instr, `EXPOSE ${exposed.map((e) => e.port).join(' ')}, but the app listens on ${port} (${why})`)];
  },
};
