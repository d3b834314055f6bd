import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { finalCommand } from '../lib/app.js';
import { finalHas, finalWorkdir } from '../lib/final-files.js';

const SCRIPT_RUNNERS = new Set(['node', 'nodejs', 'python', 'python3', 'ruby', 'php', 'bun']);
const MODULE_SERVERS = new Set(['uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'waitress-serve']);

/** Files that would provide a dotted Python module, relative to `base`. */
function moduleFiles(module: string, base: string): string[] {
  const stem = `${base ? `${base}/` : ''}${module.replace(/\./g, '/')}`;
  return [`${stem}.py`, `${stem}/__init__.py`, `${stem}/__main__.py`];
}

/** The file or module the command starts, as project paths that could provide it. */
function started(argv: string[]): { what: string; candidates: string[] } | undefined {
  const cmd = argv[0]?.split('/').pop() ?? '';
  if (SCRIPT_RUNNERS.has(cmd) || /^python3(\.\d+)?$/.test(cmd)) {
    const m = argv.indexOf('-m');
    if (m > 0 && argv[m + 1]) return { what: `module ${argv[m + 1]}`, candidates: moduleFiles(argv[m + 1], '') };
    if (argv.includes('-c') || argv.includes('-e') || argv.includes('--eval')) return undefined;
    const file = argv.slice(1).find((a) => !a.startsWith('-'));
    if (!file || file.startsWith('/') || file.startsWith('$')) return undefined;
    const f = file.replace(/^\.\//, '');
    return { what: file, candidates: /\.[A-Za-z]+$/.test(f) ? [f] : [f, `${f}.js`, `${f}/index.js`] };
  }
  if (MODULE_SERVERS.has(cmd)) {
    const target = argv.slice(1).find((a, i, rest) => /^[A-Za-z_][\w.]*:[\w.()]+$/.test(a) && !/^(--bind|-b|--host|--port|-k|--worker-class)$/.test(rest[i - 1] ?? ''));
    if (!target) return undefined;
    const module = target.split(':')[0];
    const dirFlag = argv.findIndex((a) => a === '--app-dir' || a === '--chdir');
    const base = dirFlag > 0 ? (argv[dirFlag + 1] ?? '').replace(/^\.\/|\/$/g, '') : '';
    return { what: `module ${module}`, candidates: moduleFiles(module, base) };
  }
  return undefined;
}

export const DE1019: Rule = {
  id: 'DE1019',
  severity: 'warning',
  description: 'CMD/ENTRYPOINT starts a file or module that the project does not have, or that the final stage does not hold at WORKDIR.',
  aliases: [],
  check({ model, project }) {
    if (!project || (project.language !== 'node' && project.language !== 'python')) return [];
    const { argv, instr } = finalCommand(model);
    const final = model.finalStage;
    if (!instr || !final) return [];
    const target = started(argv);
    if (!target) return [];
    const existing = target.candidates.filter((c) => project.exists(c));
    if (!existing.length) {
      // A file a build step produces (dist/, build/) is not in the project: that is not this rule's business.
      if (target.candidates.some((c) => /^(dist|build|out|lib|\.next)\//.test(c))) return [];
      return [hitAt(instr, `${argv.slice(0, 3).join(' ')} starts ${target.what}, which is not in the project (${target.candidates[0]} does not exist)`)];
    }
    if (existing.some((c) => finalHas(model, c, project))) return [];
    return [hitAt(instr, `${argv.slice(0, 3).join(' ')} starts ${target.what}, but the final stage has no ${existing[0]} under WORKDIR ${finalWorkdir(model, final)}`)];
  },
};
