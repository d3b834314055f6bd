import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/docker-expert.js');
const cli = (args: string[], cwd = process.cwd()) => execa(process.execPath, [BIN, ...args], { cwd, reject: false });

describe('docker-expert agents', () => {
  it('--json lists docker-expert with its tools and both handoff targets', async () => {
    const r = await cli(['agents', '--json']);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    const de = out.agents.find((a: any) => a.name === 'docker-expert');
    expect(de.model).toBe('sonnet');
    expect(de.tools).toContain('Bash(docker:*)');
    expect(de.tools).toContain('mcp__Ref__*');
    expect(de.handoffTargets).toEqual(['workflow-orchestrator', 'terminal']);
    expect(out.errors).toEqual([]);
  });

  it('from another folder still finds the package copy, and reports a broken file with file:line and exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-agents-'));
    mkdirSync(path.join(dir, '.claude/agents'), { recursive: true });
    writeFileSync(path.join(dir, '.claude/agents/bad.md'), '---\nname: bad\ndescription: d\ntools: Read, Bsh\n---\n');
    writeFileSync(path.join(dir, '.claude/agents/good.md'), '---\nname: good\ndescription: fine\n---\nbody\n');
    const r = await cli(['agents', '--json', '--cwd', dir]);
    expect(r.exitCode).toBe(2);
    const out = JSON.parse(r.stdout);
    const names = out.agents.map((a: any) => a.name);
    expect(names).toContain('docker-expert');
    expect(names).toContain('good');
    expect(names).not.toContain('bad');
    expect(out.errors).toEqual([{ file: path.join(dir, '.claude/agents/bad.md'), line: 4, message: expect.stringMatching(/unknown tool 'Bsh'/) }]);
    const text = await cli(['agents', '--cwd', dir]);
    expect(text.exitCode).toBe(2);
    expect(text.stderr).toContain(`${path.join(dir, '.claude/agents/bad.md')}:4: unknown tool 'Bsh'`);
    expect(text.stdout).toContain('good');
  });

  it('rejects unknown options and commands with exit 2', async () => {
    expect((await cli(['agents', '--bogus'])).exitCode).toBe(2);
    expect((await cli(['frobnicate'])).exitCode).toBe(2);
    expect((await cli([])).exitCode).toBe(2);
    const help = await cli(['--help']);
    expect(help.exitCode).toBe(0);
    for (const c of ['run', 'chat', 'batch', 'check', 'mcp', 'agents']) expect(help.stdout).toContain(c);
  });
});
