import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../tools/analyzers/dockerfile/index.js';
import type { HadolintConfig } from '../../tools/analyzers/dockerfile/index.js';
import { df } from './cases.js';

async function rules(src: string, config?: HadolintConfig): Promise<string[]> {
  return (await analyzeDockerfile(src, { file: 'Dockerfile', config })).map((f) => `${f.line}:${f.rule}`);
}

describe('ignore pragmas', () => {
  it('`# hadolint ignore=` silences the listed rules on the next line only', async () => {
    const src = df('FROM debian:12', '# hadolint ignore=DL3008,DL3015', 'RUN apt-get install -y curl', 'RUN apt-get install -y git');
    const found = await rules(src);
    expect(found).not.toContain('3:DL3008');
    expect(found).not.toContain('3:DL3015');
    expect(found).toContain('4:DL3008');
    expect(found).toContain('4:DL3015');
  });

  it('applies to findings anywhere in a multi-line instruction and keeps a trailing comment', async () => {
    const src = df('FROM debian:12', '# hadolint ignore=DL3008 # pinned by the base image', 'RUN apt-get update && \\', '    apt-get install -y --no-install-recommends curl');
    expect(await rules(src)).not.toContain('4:DL3008');
  });

  it('does not reach past a comment line in between (hadolint semantics)', async () => {
    const src = df('FROM debian:12', '# hadolint ignore=DL3008', '# install tools', 'RUN apt-get install -y --no-install-recommends curl');
    expect(await rules(src)).toContain('4:DL3008');
  });

  it('`global ignore` silences a rule in the whole file, our DE ids and BuildKit names included', async () => {
    const src = df('# hadolint global ignore=DE1007,JSONArgsRecommended,DE1003', 'FROM node:22', 'CMD node app.js');
    const found = await rules(src);
    expect(found.filter((f) => /DE1007|DL3025|DE1003/.test(f))).toEqual([]);
  });

  it('`stage ignore` lasts until the next FROM', async () => {
    const src = df('FROM debian:12 AS build', '# hadolint stage ignore=DL3008', 'RUN apt-get install -y --no-install-recommends gcc', 'FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl');
    const found = await rules(src);
    expect(found).not.toContain('3:DL3008');
    expect(found).toContain('5:DL3008');
  });

  it('`stage ignore` right above a FROM covers that stage only', async () => {
    const src = df('# hadolint stage ignore=DL3008', 'FROM debian:12 AS build', 'RUN apt-get install -y --no-install-recommends gcc', 'FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl');
    const found = await rules(src);
    expect(found).not.toContain('3:DL3008');
    expect(found).toContain('5:DL3008');
  });

  it('a pragma naming an unknown rule is dropped whole, and an info finding says so', async () => {
    const src = df('FROM debian:12', '# hadolint ignore=DL3008,not-a-rule', 'RUN apt-get install -y --no-install-recommends curl');
    const found = await analyzeDockerfile(src, { file: 'Dockerfile' });
    expect(found.map((f) => `${f.line}:${f.rule}`)).toContain('3:DL3008');
    const note = found.find((f) => f.rule === 'PRAGMA');
    expect(note?.line).toBe(2);
    expect(note?.message).toContain('not-a-rule');
    // Our ids, aliases and hadolint's id alphabet are known names.
    expect(await rules(df('FROM debian:12', '# hadolint ignore=DL3008,DE1007,DL9999', 'RUN apt-get install -y --no-install-recommends curl'))).not.toContain('3:DL3008');
  });

  it('ignores pragma-looking lines inside a heredoc body', async () => {
    const src = df('# hadolint global ignore=DE1007', 'FROM alpine:3.20', 'COPY <<EOF /notes.txt', '# hadolint global ignore=DL3018', 'EOF', 'RUN apk add --no-cache curl');
    expect(await rules(src)).toContain('6:DL3018');
  });

  it('disable-ignore-pragma turns pragmas off', async () => {
    const src = df('FROM debian:12', '# hadolint ignore=DL3008', 'RUN apt-get install -y --no-install-recommends curl');
    expect(await rules(src, { disableIgnorePragma: true })).toContain('3:DL3008');
  });

  it('BuildKit `# check=skip=` skips a check by its BuildKit name, or every BuildKit check with `all`', async () => {
    const base = ['FROM node:22 as build', 'CMD node app.js'];
    expect(await rules(df('# check=skip=JSONArgsRecommended', ...base))).not.toContain('3:DL3025');
    expect(await rules(df('# check=skip=JSONArgsRecommended', ...base))).toContain('2:FromAsCasing');
    const all = await rules(df('# check=skip=all', ...base));
    expect(all).not.toContain('2:FromAsCasing');
    expect(all).not.toContain('3:DL3025');
    expect(all).toContain('2:DE1003');
  });
});
