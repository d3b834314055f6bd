import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DL3065: Rule = {
  id: 'DL3065',
  severity: 'warning',
  description: 'FROM --platform=$TARGETPLATFORM is the default and redundant.',
  aliases: ['RedundantTargetPlatform'],
  check({ model }) {
    return model.stages
      .filter((s) => /^\$\{?TARGETPLATFORM\}?$/.test(s.from.node.getPlatformFlag()?.getValue() ?? ''))
      .map((s) => hitAt(s.from, 'FROM --platform=$TARGETPLATFORM is the default: drop the flag'));
  },
  fix({ model, text }, hit) {
    const flag = hit.instr!.stage?.from.node.getPlatformFlag();
    if (!flag) return undefined;
    const [start, end] = model.src.rangeOffsets(flag.getRange());
    let stop = end;
    while (text[stop] === ' ' || text[stop] === '\t') stop++;
    return { description: 'removed --platform=$TARGETPLATFORM', edits: [{ start, end: stop, text: '' }] };
  },
};
