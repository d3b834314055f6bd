import type { Env } from 'dockerfile-ast';
import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const LegacyKeyValueFormat: Rule = {
  id: 'LegacyKeyValueFormat',
  severity: 'warning',
  description: 'Use `ENV key=value`, not the legacy `ENV key value`.',
  aliases: [],
  check({ model }) {
    return model.all
      .filter((i) => (i.keyword === 'ENV' || i.keyword === 'LABEL') && (i.node as Env).getProperties().some((p) => p.getAssignmentOperator() === null && p.getValue() !== null))
      .map((i) => hitAt(i, `${i.keyword} key value is the legacy form: write ${i.keyword} key=value`));
  },
  fix({ model, text }, hit) {
    const props = (hit.instr!.node as Env).getProperties();
    if (props.length !== 1) return undefined;
    const p = props[0];
    const valueRange = p.getValueRange();
    if (!valueRange) return undefined;
    const [, nameEnd] = model.src.rangeOffsets(p.getNameRange());
    const [vStart, vEnd] = model.src.rangeOffsets(valueRange);
    const raw = text.slice(vStart, vEnd);
    let value: string;
    if (/^"[^"\\]*"$/.test(raw) || /^'[^'\\]*'$/.test(raw) || /^[^\s"'\\]+$/.test(raw)) value = raw;
    else if (/^[^"'\\\n]+$/.test(raw)) value = `"${raw}"`;
    else return undefined;
    return { description: `${p.getName()} value -> ${p.getName()}=value`, edits: [{ start: nameEnd, end: vEnd, text: `=${value}` }] };
  },
};
