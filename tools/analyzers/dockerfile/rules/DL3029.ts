import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DL3029: Rule = {
  id: 'DL3029',
  severity: 'warning',
  description: 'Do not hard-code FROM --platform; use a build argument such as $BUILDPLATFORM.',
  aliases: ['FromPlatformFlagConstDisallowed'],
  check({ model }) {
    return model.stages
      .filter((s) => {
        const flag = s.from.node.getPlatformFlag();
        return !!flag && !(flag.getValue() ?? '').includes('$');
      })
      .map((s) => hitAt(s.from, `FROM --platform=${s.from.node.getPlatformFlag()!.getValue()} is a constant: builds for other platforms will break`));
  },
};
