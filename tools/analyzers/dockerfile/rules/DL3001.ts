import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands } from '../lib/commands.js';

const POINTLESS = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig']);

export const DL3001: Rule = {
  id: 'DL3001',
  severity: 'info',
  description: 'Commands like ssh, vim, service, ps, top, kill, mount or ifconfig make little sense in a build.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx).filter(({ cmd }) => POINTLESS.has(cmd.name)).map(({ run, cmd }) => hitInRun(run, cmd, `"${cmd.name}" is pointless in an image build`));
  },
};
