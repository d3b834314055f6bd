import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DL4000: Rule = {
  id: 'DL4000',
  severity: 'error',
  description: 'MAINTAINER is deprecated: use LABEL maintainer="...".',
  aliases: ['MaintainerDeprecated', 'CKV_DOCKER_6', 'DS-0022', 'AVD-DS-0022'],
  check({ model }) {
    return model.all.filter((i) => i.keyword === 'MAINTAINER').map((i) => hitAt(i, 'MAINTAINER is deprecated: use LABEL maintainer="..."'));
  },
  fix({ model, text }, hit) {
    const instr = hit.instr!;
    if (instr.onbuild) return undefined;
    const value = instr.node.getArgumentsContent();
    if (!value || /\r|\n/.test(text.slice(instr.start, instr.end))) return undefined;
    const unquoted = /^"(.*)"$/.test(value) ? value.slice(1, -1) : value;
    const escaped = unquoted.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    const label = instr.node.getInstruction() === 'maintainer' ? 'label' : 'LABEL';
    return { description: 'MAINTAINER -> LABEL maintainer', edits: [{ start: instr.start, end: instr.end, text: `${label} maintainer="${escaped.replace(/\$/g, '\\$')}"` }] };
  },
};
