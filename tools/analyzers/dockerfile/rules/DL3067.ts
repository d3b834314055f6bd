import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';

const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, '$2');

export const DL3067: Rule = {
  id: 'DL3067',
  severity: 'warning',
  description: 'Do not copy the whole filesystem of another stage (COPY --from=x / ...).',
  aliases: [],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'COPY')
      .filter((i) => {
        const { from, sources, dest } = copyArgs(i);
        // As hadolint: the root of a stage onto the root (`/app` as destination is a deliberate copy of a tree).
        return !!from && sources.some((s) => /^\/(\.|\*)?$/.test(unquote(s))) && dest !== undefined && /^\/\.?$/.test(unquote(dest));
      })
      .map((i) => hitAt(i, 'COPY --from copies the whole root filesystem: copy only the artifacts you need'));
  },
};
