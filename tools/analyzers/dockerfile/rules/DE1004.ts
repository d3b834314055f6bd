import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { byKeyword, lineageInstructions } from '../lib/stages.js';

export const DE1004: Rule = {
  id: 'DE1004',
  severity: 'info',
  description: 'The final image exposes a port (a service) but defines no HEALTHCHECK.',
  aliases: ['DL3057', 'CKV_DOCKER_2', 'DS-0026', 'AVD-DS-0026'],
  check({ model }) {
    const final = model.finalStage;
    if (!final) return [];
    const instrs = lineageInstructions(model, final);
    const expose = byKeyword(instrs, 'EXPOSE')[0];
    if (!expose || byKeyword(instrs, 'HEALTHCHECK').length) return [];
    return [hitAt(expose, 'a service image without HEALTHCHECK: add one (or rely on orchestrator probes)')];
  },
};
