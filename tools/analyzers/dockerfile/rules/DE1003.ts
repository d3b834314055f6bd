import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { byKeyword, lineageInstructions } from '../lib/stages.js';

/** Base images that already run as a non-root user. */
const NON_ROOT_BASE = [/:nonroot\b/, /-nonroot\b/, /^cgr\.dev\/chainguard\//, /distroless\/.*:.*nonroot/, /^bitnami\//];

export const DE1003: Rule = {
  id: 'DE1003',
  severity: 'warning',
  description: 'The final stage never sets USER, so the container runs as root.',
  aliases: ['CKV_DOCKER_3', 'DS-0002', 'AVD-DS-0002'],
  check({ model }) {
    const final = model.finalStage;
    if (!final) return [];
    if (byKeyword(lineageInstructions(model, final), 'USER').length) return [];
    const root = model.lineage(final).pop()!;
    if (NON_ROOT_BASE.some((re) => re.test(root.image))) return [];
    return [hitAt(final.from, 'no USER in the final stage: the container runs as root; add a non-root USER')];
  },
};
