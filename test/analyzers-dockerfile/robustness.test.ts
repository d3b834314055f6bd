import { describe, expect, it } from 'vitest';
import { analyzeDockerfile, fixDockerfile } from '../../tools/analyzers/dockerfile/index.js';

/** Small deterministic PRNG so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEED_FILE = [
  '# syntax=docker/dockerfile:1',
  '# hadolint ignore=DL3008',
  'ARG BASE=debian:12',
  'FROM ${BASE} AS build',
  'RUN apt-get update && apt-get install -y curl \\',
  '    # comment',
  '    && cd /src && make | tee log',
  'RUN <<EOF',
  'set -e',
  'echo "$(id)"',
  'EOF',
  'COPY --from=build ["a b", "/c/"]',
  'ENV A=1 B="x y" C',
  'FROM scratch',
  'COPY --from=build /out /out',
  'USER 10001',
  'CMD ["/out"]',
].join('\n');

const NOISE = ['\\', '"', "'", '<<', '[', ']', '$', '${', '`', '\n', ' ', '#', '|', '&&', '(', ')', '\0', '\r', '=', '--', 'RUN ', 'FROM '];

describe('robustness', () => {
  it('never throws on mutated Dockerfiles, and fixes never add a syntax error', async () => {
    const next = rng(20261128);
    for (let i = 0; i < 60; i++) {
      let text = SEED_FILE;
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * text.length);
        const roll = next();
        if (roll < 0.4) text = text.slice(0, at) + NOISE[Math.floor(next() * NOISE.length)] + text.slice(at);
        else if (roll < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 10));
        else text = text.slice(0, at);
      }
      const findings = await analyzeDockerfile(text, { file: `mutant-${i}` });
      expect(findings.filter((f) => f.message.startsWith('internal error')), JSON.stringify(text)).toEqual([]);
      const fixed = await fixDockerfile(text, { file: `mutant-${i}` });
      const errors = (list: { rule: string }[]) => list.filter((f) => f.rule === 'DL1000').length;
      expect(errors(await analyzeDockerfile(fixed.text, { file: 'x' })), JSON.stringify(text)).toBeLessThanOrEqual(errors(findings));
    }
  });
});
