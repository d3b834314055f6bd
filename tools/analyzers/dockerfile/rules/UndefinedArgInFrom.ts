import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';
import { PREDEFINED_ARGS, globalArgs, variableRefs } from '../lib/variables.js';

export const UndefinedArgInFrom: Rule = {
  id: 'UndefinedArgInFrom',
  severity: 'warning',
  description: 'FROM uses a build argument that is not declared with ARG before the first FROM.',
  aliases: [],
  check({ model }) {
    const declared = globalArgs(model);
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const text = stage.from.node.getArgumentsContent() ?? '';
      for (const ref of variableRefs(text)) {
        if (!declared.has(ref.name) && !PREDEFINED_ARGS.has(ref.name)) hits.push(hitAt(stage.from, `FROM uses $${ref.name}, which no ARG before the first FROM declares`));
      }
    }
    return hits;
  },
};
