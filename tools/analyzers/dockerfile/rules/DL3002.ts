import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { byKeyword } from '../lib/stages.js';

export function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === 'root' || name === '0';
}

/**
 * hadolint's verdict: every stage whose own last USER is root is reported there, a build stage too (its image can be
 * the base of another stage or a build target of its own); a stage built `FROM` it inherits that USER.
 */
export const DL3002: Rule = {
  id: 'DL3002',
  severity: 'warning',
  description: 'The last USER of a stage should not be root.',
  aliases: ['CKV_DOCKER_8', 'DS-0002', 'AVD-DS-0002'],
  check({ model }) {
    return model.stages.flatMap((stage) => {
      const users = byKeyword(stage.instructions, 'USER');
      const last = users[users.length - 1];
      if (!last || !isRootUser(last.node.getArgumentsContent() ?? '')) return [];
      const where = stage.isFinal ? 'the final image runs as root' : `stage ${stage.name ?? stage.index + 1} ends as root`;
      return [hitAt(last, `${where}: switch to a non-root USER at the end`)];
    });
  },
};
