import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { ARCHIVE, copyArgs, isUrl } from '../lib/copy.js';

/** ADD flags with no COPY equivalent. */
const ADD_ONLY_FLAGS = ['checksum', 'keep-git-dir', 'unpack'];

export const DL3020: Rule = {
  id: 'DL3020',
  severity: 'error',
  description: 'Use COPY instead of ADD for files and folders.',
  aliases: ['CKV_DOCKER_4', 'DS-0005', 'AVD-DS-0005'],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'ADD')
      .filter((i) => {
        const { sources, heredoc } = copyArgs(i);
        return !heredoc && sources.length > 0 && sources.every((s) => !isUrl(s) && !ARCHIVE.test(s));
      })
      .map((i) => hitAt(i, 'ADD of local files: use COPY (ADD also fetches URLs and unpacks archives)'));
  },
  fix({ text }, hit) {
    const instr = hit.instr!;
    const { flags } = copyArgs(instr);
    if (ADD_ONLY_FLAGS.some((f) => flags.has(f))) return undefined;
    const word = text.slice(instr.start, instr.start + 3);
    if (word.toUpperCase() !== 'ADD') return undefined;
    const copy = word === 'add' ? 'copy' : 'COPY';
    return { description: 'ADD -> COPY', edits: [{ start: instr.start, end: instr.start + 3, text: copy }] };
  },
};
