import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPaths } from '../../tools/analyzers/index.js';
import { analyzeDockerfile, analyzeDockerfileSync, preloadDockerfileAnalyzer } from '../../tools/analyzers/dockerfile/index.js';
import type { AnalyzeOptions, HadolintConfig } from '../../tools/analyzers/dockerfile/index.js';
import type { Finding } from '../../tools/analyzers/types.js';
import { shellcheckForTests } from '../support/shellcheck.js';
import { df } from './cases.js';

// The real binary, never a stand-in: these tests are about what ShellCheck says through our wrapper.
const { binary, skip, title } = shellcheckForTests('ShellCheck on RUN scripts');

async function analyze(src: string, opts: Partial<AnalyzeOptions> = {}): Promise<Finding[]> {
  return analyzeDockerfile(src, { file: 'Dockerfile', shellcheck: { binary }, ...opts });
}

/** `line:column rule` of the SC findings. */
async function sc(src: string, config?: HadolintConfig): Promise<string[]> {
  return (await analyze(src, { config })).filter((f) => f.rule.startsWith('SC')).map((f) => `${f.line}:${f.column} ${f.rule}`);
}

const ids = (found: string[]) => found.map((f) => f.split(' ')[1]);

describe.skipIf(skip !== undefined)(title, () => {
  it('reports an unquoted variable as SC2086 at the RUN, with ShellCheck severity and message', async () => {
    const found = (await analyze(df('FROM debian:12', 'RUN echo $foo'))).filter((f) => f.rule.startsWith('SC'));
    expect(found).toContainEqual({ rule: 'SC2086', severity: 'info', message: 'Double quote to prevent globbing and word splitting.', file: 'Dockerfile', line: 2, column: 10, aliases: [] });
    expect(found).toContainEqual(expect.objectContaining({ rule: 'SC2154', severity: 'warning', line: 2, message: 'foo is referenced but not assigned.' }));
  });

  it('points at the line and column inside a multi-line RUN, continuation lines joined as Docker joins them', async () => {
    const src = df('FROM debian:12', 'RUN apt-get update && \\', '    # a comment Docker drops', '    echo "ok" \\', '\t  $bar');
    expect(await sc(src)).toEqual(['5:4 SC2086', '5:4 SC2154']);
  });

  it('knows the ARG and ENV names of the stage (and the proxy variables), not others', async () => {
    const src = df('FROM debian:12', 'ARG foo=bar', 'ARG another_foo', 'ENV bar=10 baz=20', 'RUN echo "$foo" "$another_foo" "$bar" "$baz" "$HTTP_PROXY" "$no_proxy" "$unknown"');
    const found = (await analyze(src)).filter((f) => f.rule === 'SC2154');
    expect(found.map((f) => f.message)).toEqual(['unknown is referenced but not assigned.']);
  });

  it('forgets the names at a FROM, except in a stage built on an earlier one', async () => {
    const src = df('ARG global', 'FROM debian:12 AS base', 'ARG foo', 'RUN echo "$foo" "$global"', 'FROM base', 'RUN echo "$foo"', 'FROM debian:12', 'RUN echo "$foo"');
    expect((await analyze(src)).filter((f) => f.rule === 'SC2154').map((f) => `${f.line} ${f.message}`)).toEqual([
      '4 global is referenced but not assigned.',
      '8 foo is referenced but not assigned.',
    ]);
  });

  it('checks with the SHELL of the stage: sh by default, bash after SHELL, inherited by FROM <stage>', async () => {
    const src = df('FROM debian:12 AS base', 'RUN echo "$RANDOM"', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN echo "$RANDOM"', 'FROM base', 'RUN echo "$RANDOM"', 'FROM debian:12', 'RUN echo "$RANDOM"');
    expect(await sc(src)).toEqual(['2:11 SC3028', '8:11 SC3028']);
  });

  it('skips RUNs under a non-POSIX SHELL (pwsh, cmd) and under a `# hadolint shell=` pragma', async () => {
    expect(await sc(df('FROM debian:12', 'RUN echo $foo'))).not.toEqual([]);
    expect(await sc(df('FROM debian:12', 'SHELL ["pwsh", "-c"]', 'RUN echo $foo'))).toEqual([]);
    expect(await sc(df('FROM windows', 'SHELL ["cmd.exe", "/c"]', 'RUN echo $foo'))).toEqual([]);
    expect(await sc(df('# hadolint shell=powershell.exe', 'FROM windows', 'RUN echo $foo', 'FROM windows', 'RUN echo $foo'))).toEqual([]);
  });

  it('skips exec-form RUNs, as hadolint does', async () => {
    expect(await sc(df('FROM debian:12', 'RUN ["sh", "-c", "echo $foo"]', 'RUN ["foobar", "$f"]'))).toEqual([]);
  });

  it('checks ONBUILD RUN, at its line', async () => {
    expect(ids(await sc(df('FROM debian:12', 'ONBUILD RUN echo $foo')))).toEqual(['SC2086', 'SC2154']);
    expect((await sc(df('FROM debian:12', 'ONBUILD RUN echo $foo')))[0]).toMatch(/^2:/);
  });

  it('`# hadolint ignore=SC2086` above the RUN silences SC2086 on every line of it, and only that rule', async () => {
    const bare = df('FROM debian:12', 'RUN echo ok && \\', '    echo $foo');
    expect(ids(await sc(bare))).toEqual(['SC2086', 'SC2154']);
    const ignored = df('FROM debian:12', '# hadolint ignore=SC2086', 'RUN echo ok && \\', '    echo $foo');
    expect(ids(await sc(ignored))).toEqual(['SC2154']);
    expect(await sc(df('# hadolint global ignore=SC2086,SC2154', 'FROM debian:12', 'RUN echo $foo'))).toEqual([]);
  });

  it('.hadolint.yaml `ignored` drops SC ids and `override` changes their severity', async () => {
    const src = df('FROM debian:12', 'RUN echo $foo');
    expect(ids(await sc(src, { ignored: ['SC2154'] }))).toEqual(['SC2086']);
    const overridden = (await analyze(src, { config: { override: { error: ['SC2086'] } } })).find((f) => f.rule === 'SC2086');
    expect(overridden?.severity).toBe('error');
  });

  it('checks a heredoc body at its own lines; a body with a non-shell shebang is not checked', async () => {
    const src = df('FROM debian:12', 'RUN <<EOF', 'set -e', 'echo $foo', 'EOF', 'RUN <<EOF', '#!/usr/bin/env python3', 'print($x)', 'EOF');
    expect(await sc(src)).toEqual(['4:6 SC2086', '4:6 SC2154']);
  });

  it('a heredoc body with a bash shebang is checked as bash', async () => {
    expect(await sc(df('FROM debian:12', 'RUN <<EOF', '#!/bin/bash', 'echo "$RANDOM"', 'EOF'))).toEqual([]);
    expect(await sc(df('FROM debian:12', 'RUN <<EOF', 'echo "$RANDOM"', 'EOF'))).toEqual(['3:7 SC3028']);
  });

  it('shellcheck: false turns it off; analyzeDockerfileSync never runs it', async () => {
    const src = df('FROM debian:12', 'RUN echo $foo');
    expect((await analyze(src, { shellcheck: false })).filter((f) => f.rule.startsWith('SC'))).toEqual([]);
    await preloadDockerfileAnalyzer();
    expect(analyzeDockerfileSync(src, { file: 'Dockerfile' }).filter((f) => f.rule.startsWith('SC'))).toEqual([]);
  });

  it('no SC finding for a file the rules do not run on (syntax error)', async () => {
    expect(await sc(df('FROM debian:12', 'RUN echo $foo', 'FOO bar'))).toEqual([]);
  });
});

const CORPUS = path.resolve(process.env.DOCKER_EXPERT_CORPUS ?? '/work/shared/corpus', 'dockerfiles');
/** Every Nth corpus Dockerfile with a RUN: ShellCheck costs tens of ms per file and the machine is shared. */
const CORPUS_SAMPLE = 40;

describe.skipIf(skip !== undefined || !existsSync(CORPUS))(`${title}: corpus sample`, () => {
  it('never fails on real Dockerfiles, and every SC finding is on a line of a RUN', { timeout: 180_000 }, async () => {
    const withRun = readdirSync(CORPUS).sort().filter((n) => /^\s*(?:ONBUILD\s+)?RUN\s/im.test(readFileSync(path.join(CORPUS, n), 'utf8')));
    const sample = withRun.filter((_, i) => i % Math.max(1, Math.floor(withRun.length / CORPUS_SAMPLE)) === 0);
    expect(sample.length).toBeGreaterThanOrEqual(CORPUS_SAMPLE);
    const notices: string[] = [];
    let count = 0;
    for (const name of sample) {
      const text = readFileSync(path.join(CORPUS, name), 'utf8');
      const runLines = new Set<number>();
      for (const instr of DockerfileParser.parse(text).getInstructions()) {
        if (!/^(RUN|ONBUILD)$/i.test(instr.getKeyword())) continue;
        const r = instr.getRange();
        for (let l = r.start.line; l <= r.end.line; l++) runLines.add(l + 1);
      }
      for (const f of await analyze(text, { file: name, onNotice: (n) => notices.push(n) })) {
        if (!f.rule.startsWith('SC')) continue;
        count++;
        expect(runLines.has(f.line), `${name}:${f.line} ${f.rule} is not on a RUN line`).toBe(true);
        expect(f.column, `${name}:${f.line} ${f.rule}`).toBeGreaterThan(0);
        expect(f.column, `${name}:${f.line} ${f.rule}`).toBeLessThanOrEqual(text.split('\n')[f.line - 1].length + 1);
      }
    }
    expect(notices).toEqual([]);
    expect(count).toBeGreaterThan(10);
  });
});

describe('without a shellcheck binary', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'de-shellcheck-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'Dockerfile'), df('FROM debian:12', 'RUN echo $foo'));
  writeFileSync(path.join(dir, 'Dockerfile.dev'), df('FROM debian:12', 'RUN echo $bar', 'RUN echo $baz'));
  const noShellcheck = { env: { PATH: path.join(dir, 'no-such-folder') } };

  it('makes no SC finding and says so in exactly one notice for the whole check', async () => {
    const report = await checkPaths(['Dockerfile', 'Dockerfile.dev'], { cwd: dir, shellcheck: noShellcheck });
    expect(report.files).toHaveLength(2);
    expect(report.findings.filter((f) => f.rule.startsWith('SC'))).toEqual([]);
    expect(report.notices).toHaveLength(1);
    expect(report.notices![0]).toMatch(/ShellCheck not run \(no shellcheck on PATH\): the SC checks of RUN scripts were skipped/);
  });

  it('says nothing when it is turned off, or when no RUN needs it', async () => {
    expect((await checkPaths(['.'], { cwd: dir, shellcheck: false })).notices).toBeUndefined();
    const notices: string[] = [];
    await analyzeDockerfile(df('FROM debian:12', 'CMD ["true"]', 'RUN ["true"]'), { file: 'Dockerfile', shellcheck: noShellcheck, onNotice: (n) => notices.push(n) });
    expect(notices).toEqual([]);
  });

  it('DOCKER_EXPERT_SHELLCHECK=off turns it off; a path there that is no binary is a notice', async () => {
    const notices: string[] = [];
    const src = df('FROM debian:12', 'RUN echo $foo');
    await analyzeDockerfile(src, { file: 'Dockerfile', shellcheck: { env: { DOCKER_EXPERT_SHELLCHECK: 'off', PATH: process.env.PATH } }, onNotice: (n) => notices.push(n) });
    expect(notices).toEqual([]);
    await analyzeDockerfile(src, { file: 'Dockerfile', shellcheck: { env: { DOCKER_EXPERT_SHELLCHECK: path.join(dir, 'nope') } }, onNotice: (n) => notices.push(n) });
    expect(notices).toEqual([expect.stringContaining(`${path.join(dir, 'nope')} is not an executable file`)]);
  });
});
