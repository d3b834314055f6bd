import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export function isAbsolutePath(p: string): boolean {
  const v = p.replace(/^["']|["']$/g, '');
  // `C:` alone counts, as in hadolint: a trailing backslash (`C:\`) reads as a line continuation.
  return v.startsWith('/') || v.startsWith('$') || /^[A-Za-z]:/.test(v) || v.startsWith('\\');
}

export const DL3000: Rule = {
  id: 'DL3000',
  severity: 'error',
  description: 'Use an absolute WORKDIR path.',
  aliases: ['WorkdirRelativePath', 'CKV_DOCKER_10', 'DS-0009', 'AVD-DS-0009'],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'WORKDIR')
      .filter((i) => {
        const arg = i.node.getArguments()[0]?.getValue();
        return arg !== undefined && !isAbsolutePath(arg);
      })
      .map((i) => hitAt(i, `WORKDIR ${i.node.getArgumentsContent()} is relative: use an absolute path`));
  },
};
