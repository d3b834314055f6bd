import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { finalCommand } from '../lib/app.js';
import { finalHas, finalWorkdir } from '../lib/final-files.js';

export const DE1018: Rule = {
  id: 'DE1018',
  severity: 'warning',
  description: 'The code reads files at run time (templates, static files, config) that the final stage does not hold where the process looks.',
  aliases: [],
  check({ model, project }) {
    if (!project) return [];
    const final = model.finalStage;
    if (!final) return [];
    const at = finalCommand(model).instr ?? final.from;
    const workdir = finalWorkdir(model, final);
    return project.facts.runtimeFiles
      .filter((f) => project.exists(f.path) && !finalHas(model, f.path, project))
      .map((f) => hitAt(at, `${f.file}:${f.line} reads ${f.path} at run time (${f.via}), but the final stage has no ${workdir === '/' ? '' : `${workdir}/`}${f.path}${project.ignored(f.path) ? ' (.dockerignore excludes it)' : ''}: copy it there and set WORKDIR`));
  },
};
