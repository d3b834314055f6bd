import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs, isUrl } from '../lib/copy.js';

export const DE1015: Rule = {
  id: 'DE1015',
  severity: 'warning',
  description: 'ADD downloads a URL without `--checksum`: the content is not verified.',
  aliases: ['CKV_DOCKER_4'],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'ADD')
      .filter((i) => {
        const { sources, flags } = copyArgs(i);
        return sources.some((s) => /^https?:\/\//.test(s) && isUrl(s)) && !flags.has('checksum');
      })
      .map((i) => hitAt(i, 'ADD <url> without --checksum=sha256:...: the download is not verified'));
  },
};
