import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { byKeyword, lineageInstructions } from '../lib/stages.js';

export const DL3057: Rule = {
  id: 'DL3057',
  severity: 'ignore',
  description: 'The final image has no HEALTHCHECK.',
  aliases: ['CKV_DOCKER_2', 'DS-0026', 'AVD-DS-0026'],
  check({ model }) {
    const final = model.finalStage;
    if (!final || byKeyword(lineageInstructions(model, final), 'HEALTHCHECK').length) return [];
    return [hitAt(final.from, 'no HEALTHCHECK in the final image')];
  },
};
