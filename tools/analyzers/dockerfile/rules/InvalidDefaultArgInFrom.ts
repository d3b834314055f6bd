import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { PREDEFINED_ARGS, globalArgs, variableRefs } from '../lib/variables.js';

const VALID_REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/i;

export const InvalidDefaultArgInFrom: Rule = {
  id: 'InvalidDefaultArgInFrom',
  severity: 'warning',
  description: 'With its default build arguments, a FROM image reference is invalid (e.g. `alpine:` when TAG has no default).',
  aliases: [],
  check({ model }) {
    const args = globalArgs(model);
    return model.stages
      .filter((s) => {
        const image = s.image;
        const refs = variableRefs(image);
        if (refs.length === 0 || refs.some((r) => PREDEFINED_ARGS.has(r.name) || !args.has(r.name) || r.modifier)) return false;
        const expanded = image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => args.get(n) ?? '');
        return !VALID_REF.test(expanded) && !model.stages.some((o) => o.index < s.index && o.name === expanded);
      })
      .map((s) => hitAt(s.from, `FROM ${s.image} is not a valid image reference with the default build arguments: give the ARG a default`));
  },
};
