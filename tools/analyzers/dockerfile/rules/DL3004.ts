import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands } from '../lib/commands.js';

export const DL3004: Rule = {
  id: 'DL3004',
  severity: 'error',
  description: 'Do not use sudo: RUN already runs as the current USER; switch with USER, or use gosu at runtime.',
  aliases: ['CKV2_DOCKER_1', 'DS-0010', 'AVD-DS-0010'],
  check(ctx) {
    return allCommands(ctx).filter(({ cmd }) => cmd.name === 'sudo' && !cmd.wrappedBy).map(({ run, cmd }) => hitInRun(run, cmd, 'sudo in RUN: use USER to change user instead'));
  },
};
