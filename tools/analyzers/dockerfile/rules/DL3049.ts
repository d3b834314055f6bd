import { hitAt } from '../rule.js';
import type { Rule, RuleHit, Stage } from '../rule.js';
import { allLabels } from '../lib/labels.js';
import { copyArgs } from '../lib/copy.js';

/**
 * hadolint's verdict, per required label: every stage that yields an image must carry it, by its own LABEL or by
 * building on a stage that does. A stage that only feeds others is exempt: one used by `COPY --from=`, or one a
 * later stage builds on and labels.
 */
export const DL3049: Rule = {
  id: 'DL3049',
  severity: 'info',
  description: 'A label required by label-schema is missing from an image the Dockerfile builds.',
  aliases: [],
  check({ model, settings }) {
    const required = Object.keys(settings.labelSchema);
    if (required.length === 0 || model.stages.length === 0) return [];
    const labels = allLabels(model).filter((l) => l.instr.stage && !l.instr.onbuild);
    const hits: RuleHit[] = [];
    for (const key of required) {
      const good = new Set<Stage>();
      const missing = new Set<Stage>();
      const exempt = (alias: string | undefined) => {
        for (const s of missing) if (alias && s.name?.toLowerCase() === alias.toLowerCase()) missing.delete(s);
      };
      for (const stage of model.stages) {
        const own = labels.some((l) => l.instr.stage === stage && l.name === key);
        if (own || (stage.parent && good.has(stage.parent))) good.add(stage);
        else missing.add(stage);
        if (own && !stage.name) exempt(stage.image);
        for (const i of stage.instructions) if (i.keyword === 'COPY') exempt(copyArgs(i).from);
      }
      for (const s of missing) hits.push(hitAt(s.from, `label "${key}" is missing${model.stages.length > 1 ? ` in stage ${s.name ?? s.index + 1}` : ''}`));
    }
    return hits.sort((a, b) => a.offset - b.offset);
  },
};
