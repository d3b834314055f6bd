import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../tools/analyzers/dockerfile/index.js';
import { checkovLabel, formatScores, scoreCheckov } from './checkov-labels.js';

const CORPUS = path.resolve(process.env.DOCKER_EXPERT_CORPUS ?? '/work/shared/corpus', 'dockerfiles');
const present = existsSync(CORPUS);
if (!present) console.warn(`[analyzers-dockerfile] corpus not found at ${CORPUS}: Checkov scoring skipped`);

describe.skipIf(!present)('Checkov-labelled corpus files', () => {
  it('scores every mapped Checkov check with high precision and recall', async () => {
    const names = readdirSync(CORPUS).filter((n) => checkovLabel(n));
    expect(names.length).toBeGreaterThan(80);
    const results = [];
    // DL3057 (HEALTHCHECK missing) is off by default; Checkov's CKV_DOCKER_2 is its equivalent.
    const config = { override: { info: ['DL3057'] } };
    // The rules only: Checkov's labels say nothing about ShellCheck's findings.
    for (const name of names) results.push({ name, findings: await analyzeDockerfile(readFileSync(path.join(CORPUS, name), 'utf8'), { file: name, config, shellcheck: false }) });
    const scores = scoreCheckov(results);
    console.log(formatScores(scores));
    expect(scores.length).toBeGreaterThanOrEqual(25);
    const tp = scores.reduce((a, s) => a + s.tp, 0);
    const fp = scores.reduce((a, s) => a + s.fp, 0);
    const fn = scores.reduce((a, s) => a + s.fn, 0);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
  });
});
