import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../tools/analyzers/dockerfile/index.js';
import { DockerfileModel } from '../../tools/analyzers/dockerfile/model.js';
import { loadShellParser, parseShell } from '../../tools/analyzers/dockerfile/shell/parser.js';
import { df } from './cases.js';

async function model(src: string): Promise<DockerfileModel> {
  await loadShellParser();
  return new DockerfileModel(src);
}

describe('RUN bodies as the shell sees them', () => {
  it('joins continuation lines, drops comment and empty lines, and maps words back to file lines', async () => {
    const m = await model(df('FROM debian:12', 'RUN apt-get update && \\', '    # pick the tools', '', '    apt-get install -y \\', '      curl'));
    const [run] = m.runs();
    expect(run.script).not.toContain('pick the tools');
    const names = run.analysis.commands.map((c) => c.name);
    expect(names).toEqual(['apt-get', 'apt-get']);
    const curl = run.analysis.commands[1].args.find((a) => a.value === 'curl')!;
    expect(m.lineCol(run.toFile(curl.start))).toEqual({ line: 6, column: 7 });
    expect(run.analysis.hasError).toBe(false);
  });

  it('analyses a heredoc body as the script, and a heredoc fed to another interpreter not as shell', async () => {
    const m = await model(df('FROM debian:12', 'RUN <<EOF', 'set -e', 'sudo make install', 'EOF', 'RUN python3 <<EOF', 'import os; os.system("sudo x")', 'EOF'));
    const [sh, py] = m.runs();
    expect(sh.analysis.commands.map((c) => c.name)).toEqual(['set', 'sudo', 'make']);
    expect(py.analysis.commands.map((c) => c.name)).toEqual(['python3']);
    const findings = await analyzeDockerfile(m.text, { file: 'D' });
    expect(findings.filter((f) => f.rule === 'DL3004').map((f) => f.line)).toEqual([4]);
  });

  it('treats exec-form RUN as one command with literal arguments', async () => {
    const m = await model(df('FROM debian:12', 'RUN ["apt-get", "install", "-y", "curl"]'));
    const [run] = m.runs();
    expect(run.source.kind).toBe('exec');
    expect(run.analysis.commands[0].name).toBe('apt-get');
    expect(run.analysis.commands[0].args.map((a) => a.value)).toEqual(['install', '-y', 'curl']);
    const rules = (await analyzeDockerfile(m.text, { file: 'D' })).map((f) => f.rule);
    expect(rules).toContain('DL3015');
    expect(rules).not.toContain('DL3014');
  });

  it('parses the script of an exec-form ["sh", "-c", "..."] RUN', async () => {
    const m = await model(df('FROM debian:12', 'RUN ["/bin/sh", "-ec", "apt-get update && sudo apt-get install -y curl"]'));
    const [run] = m.runs();
    expect(run.analysis.commands.map((c) => c.name)).toEqual(['apt-get', 'sudo', 'apt-get']);
    expect(run.exact).toBe(false);
    const sudo = (await analyzeDockerfile(m.text, { file: 'D' })).find((f) => f.rule === 'DL3004')!;
    expect(sudo).toMatchObject({ line: 2, column: 43 });
  });

  it('understands a backtick escape directive', async () => {
    const m = await model(df('# escape=`', 'FROM debian:12', 'RUN apt-get install `', '    -y curl'));
    expect(m.runs()[0].analysis.commands[0].args.map((a) => a.value)).toEqual(['install', '-y', 'curl']);
  });

  it('skips RUN flags and sees wrapped commands, substitutions and pipelines', async () => {
    const m = await model(df('FROM debian:12', 'RUN --mount=type=cache,target=/root/.cache sudo -u app env A=1 pip install x | tee log; echo "$(curl -s https://x)"'));
    const a = m.runs()[0].analysis;
    expect(a.commands.map((c) => `${c.name}${c.wrappedBy ? `<${c.wrappedBy}` : ''}`)).toEqual(['sudo', 'env<sudo', 'pip<env', 'tee', 'echo', 'curl']);
    expect(a.pipelines).toHaveLength(1);
    expect(a.commands.find((c) => c.name === 'curl')!.substitutionOf).toBe(a.commands.findIndex((c) => c.name === 'echo'));
  });

  it('decodes quoted words and marks expansions as non-literal', async () => {
    await loadShellParser();
    const a = parseShell(`cmd 'a b' "c \\"d\\"" e\\ f "$HOME/x" --opt="v w"`);
    expect(a.commands[0].args.map((w) => [w.value, w.literal])).toEqual([
      ['a b', true],
      ['c "d"', true],
      ['e f', true],
      ['$HOME/x', false],
      ['--opt=v w', true],
    ]);
  });

  it('keeps a syntax error visible instead of throwing', async () => {
    await loadShellParser();
    const a = parseShell('echo "unterminated && ls');
    expect(a.hasError).toBe(true);
  });
});
