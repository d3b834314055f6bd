import type { Env } from 'dockerfile-ast';
import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';
import { isSensitiveName } from '../lib/secrets.js';

export const DL3064: Rule = {
  id: 'DL3064',
  severity: 'warning',
  description: 'ARG and ENV values stay in the image history: do not pass secrets through them (use RUN --mount=type=secret).',
  aliases: ['SecretsUsedInArgOrEnv', 'DS-0031', 'AVD-DS-0031'],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const instr of model.all) {
      if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
      for (const p of (instr.node as Env).getProperties()) {
        if (isSensitiveName(p.getName())) hits.push(hitAt(instr, `${instr.keyword} ${p.getName()} looks like a secret: use a build secret mount instead`));
      }
    }
    return hits;
  },
};
