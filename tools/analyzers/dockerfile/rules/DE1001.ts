import type { Env } from 'dockerfile-ast';
import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';
import { secretValueKind } from '../lib/secrets.js';

export const DE1001: Rule = {
  id: 'DE1001',
  severity: 'error',
  description: 'A credential is written into the Dockerfile (ARG/ENV/LABEL value or RUN text): it ends up in the image and its history.',
  aliases: ['DS-0031', 'AVD-DS-0031', 'CKV_SECRET_2', 'CKV_SECRET_6'],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const instr of model.all) {
      if (instr.keyword === 'ARG' || instr.keyword === 'ENV' || instr.keyword === 'LABEL') {
        for (const p of (instr.node as Env).getProperties()) {
          const kind = secretValueKind(p.getValue() ?? '');
          if (kind) hits.push(hitAt(instr, `${instr.keyword} ${p.getName()} holds what looks like a ${kind}: pass it as a build secret`));
        }
      }
    }
    for (const run of model.runs()) {
      const kind = secretValueKind(run.script);
      if (kind) hits.push(hitAt(run.instr, `RUN contains what looks like a ${kind}: use RUN --mount=type=secret`));
    }
    return hits;
  },
};
