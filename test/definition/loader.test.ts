import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError, findAgent, loadAgents, parseDefinition } from '../../agent/definition/index.js';
import { CASES } from './cases.js';

const bytes = (c: string | Uint8Array) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);

describe(`definition files (${CASES.length} cases)`, () => {
  it('has at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30));
  for (const c of CASES) {
    it(c.name, () => {
      const file = `/defs/${c.name.replace(/\W+/g, '-')}.md`;
      if (c.error) {
        let caught: unknown;
        try {
          parseDefinition(file, bytes(c.content));
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(DefinitionError);
        const err = caught as DefinitionError;
        expect(err.message).toMatch(c.error.match);
        expect(err.line).toBe(c.error.line);
        expect(err.message.startsWith(`${file}:${c.error.line}: `)).toBe(true);
        return;
      }
      const def = parseDefinition(file, bytes(c.content));
      const ok = c.ok!;
      if (ok.name) expect(def.name).toBe(ok.name);
      if (ok.tools === 'all') expect(def.tools).toBeUndefined();
      else if (ok.tools) expect(def.tools!.map((t) => t.raw)).toEqual(ok.tools);
      if (ok.targets) expect(def.routing.handsOffTo).toEqual(ok.targets);
      if (ok.body) expect(def.body).toMatch(ok.body);
      for (const w of ok.warnings ?? []) expect(def.warnings.some((x) => w.test(x))).toBe(true);
      if (!ok.warnings) expect(def.warnings).toEqual([]);
      ok.check?.(def);
    });
  }
});

describe('the seed definition', () => {
  const seedPath = path.resolve('.claude/agents/docker-expert.md');
  it('is byte-identical to shared/seed apart from the documented MCP addition', () => {
    const seed = path.resolve('../shared/seed/docker-expert.md');
    let expected: string;
    try {
      expected = readFileSync(seed, 'utf8');
    } catch {
      console.warn('notice: ../shared/seed absent, comparison skipped');
      return;
    }
    const ours = readFileSync(seedPath, 'utf8').replace(', mcp__docker_expert__*', '');
    expect(ours).toBe(expected);
  });
  it('loads with its exact tool entries and both handoff targets', () => {
    const def = parseDefinition(seedPath, readFileSync(seedPath));
    expect(def.name).toBe('docker-expert');
    expect(def.model).toBe('sonnet');
    const tools = def.tools!.map((t) => t.raw).filter((t) => t !== 'mcp__docker_expert__*');
    expect(tools).toEqual([
      'Read', 'Write', 'Edit', 'MultiEdit', 'Grep', 'Glob', 'Bash(docker:*)', 'Bash(kubectl:*)', 'Bash(podman:*)', 'Task',
      'mcp__Ref__*', 'mcp__sequential_thinking__*', 'mcp__serena__*',
    ]);
    expect(def.tools!.find((t) => t.raw === 'Bash(docker:*)')).toEqual({ tool: 'Bash', specifier: 'docker:*', raw: 'Bash(docker:*)' });
    expect(def.routing.handsOffTo).toEqual(['workflow-orchestrator', 'terminal']);
    expect(def.body).toMatch(/^# Purpose/);
    expect(def.warnings).toEqual([]);
  });
});

describe('lookup', () => {
  const write = (dir: string, rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  const def = (name: string, extra = '') => `---\nname: ${name}\ndescription: ${name} agent${extra}\n---\nbody of ${name}\n`;

  it('nearest definition of a name wins; subfolders are searched; duplicates at one level are reported', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'de-lookup-'));
    const cwd = path.join(root, 'proj');
    const pkg = path.join(root, 'pkg-agents');
    const extra = path.join(root, 'extra');
    write(pkg, 'docker-expert.md', def('docker-expert'));
    write(pkg, 'only-pkg.md', def('only-pkg'));
    write(cwd, '.claude/agents/specialists/docker-expert.md', def('docker-expert', '\nmodel: haiku'));
    write(cwd, '.claude/agents/a.md', def('twin'));
    write(cwd, '.claude/agents/b.md', def('twin'));
    write(extra, 'docker-expert.md', def('docker-expert', '\nmodel: opus'));
    const r = await loadAgents({ cwd, agentsDir: extra, packageAgentsDir: pkg });
    const byName = Object.fromEntries(r.agents.map((a) => [a.name, a]));
    expect(byName['docker-expert'].model).toBe('opus');
    expect(byName['docker-expert'].level).toBe('agents-dir');
    expect(byName['only-pkg'].level).toBe('package');
    expect(byName.twin.file).toBe(path.join(cwd, '.claude/agents/a.md'));
    expect(r.duplicates).toEqual([{ name: 'twin', level: 'project', files: [path.join(cwd, '.claude/agents/a.md'), path.join(cwd, '.claude/agents/b.md')] }]);
    expect(r.shadowed.map((s) => s.file).sort()).toEqual([path.join(cwd, '.claude/agents/specialists/docker-expert.md'), path.join(pkg, 'docker-expert.md')].sort());
    const without = await loadAgents({ cwd, packageAgentsDir: pkg });
    expect(without.agents.find((a) => a.name === 'docker-expert')!.model).toBe('haiku');
  });

  it('a broken file named after the agent is an error, not a silent fall-back to the package copy', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'de-broken-'));
    const pkg = path.join(root, 'pkg');
    write(pkg, 'docker-expert.md', def('docker-expert'));
    write(root, '.claude/agents/docker-expert.md', '---\nname: docker-expert\ndescription: [oops\n---\n');
    write(root, '.claude/agents/other.md', def('other'));
    await expect(findAgent('docker-expert', { cwd: root, packageAgentsDir: pkg })).rejects.toThrow(/docker-expert\.md:3: invalid YAML/);
    const ok = await findAgent('other', { cwd: root, packageAgentsDir: pkg });
    expect(ok.definition.name).toBe('other');
    expect(ok.loaded.errors).toHaveLength(1);
    await expect(findAgent('nobody', { cwd: root, packageAgentsDir: pkg })).rejects.toThrow(/no agent named 'nobody'/);
  });
});
