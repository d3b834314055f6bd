import { Run, Copy } from 'dockerfile-ast';
import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** What Docker's parser rejects: unknown instructions, missing arguments, unterminated heredocs. */
export const DL1000: Rule = {
  id: 'DL1000',
  severity: 'error',
  description: 'The Dockerfile cannot be parsed.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const instr of model.all) {
      const word = instr.node.getInstruction();
      if (!KEYWORDS.has(instr.keyword)) {
        hits.push(hitAt(instr, `unknown instruction "${word}"`));
        continue;
      }
      if (instr.node.getArguments().length === 0) {
        hits.push(hitAt(instr, `${instr.keyword} needs arguments`));
        continue;
      }
      if (instr.node instanceof Run || instr.node instanceof Copy) {
        for (const doc of instr.node.getHeredocs()) {
          if (!doc.getDelimiterRange()) hits.push(hitAt(instr, `heredoc "${doc.getName()}" is never terminated`));
        }
      }
    }
    return hits;
  },
};
