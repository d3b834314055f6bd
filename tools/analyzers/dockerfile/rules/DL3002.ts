import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { byKeyword, lineageInstructions } from '../lib/stages.js';

export function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === 'root' || name === '0';
}

export const DL3002: Rule = {
  id: 'DL3002',
  severity: 'warning',
  description: 'The last USER of the final image should not be root.',
  aliases: ['CKV_DOCKER_8', 'DS-0002', 'AVD-DS-0002'],
  check({ model }) {
    const final = model.finalStage;
    if (!final) return [];
    const users = byKeyword(lineageInstructions(model, final), 'USER');
    const last = users[users.length - 1];
    if (!last || !isRootUser(last.node.getArgumentsContent() ?? '')) return [];
    return [hitAt(last, 'the final image runs as root: switch to a non-root USER at the end')];
  },
};
