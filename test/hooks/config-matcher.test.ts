/** Matchers as Claude Code evaluates them, and settings that cannot be used: errors naming the file and the field. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HookConfigError, loadSettingsHooks, parseHooksValue } from '../../agent/hooks/config.js';
import { matcherMatches } from '../../agent/hooks/matcher.js';
import { PermissionConfigError } from '../../permissions/settings.js';
import { startRun } from '../../agent/start.js';
import { fixture } from './helpers.js';

describe('matcher', () => {
  it.each([
    [undefined, 'Bash', true],
    ['', 'mcp__x__y', true],
    ['*', 'Write', true],
    ['Bash', 'Bash', true],
    ['Bash', 'BashOutput', false], // letters only: exact, never a prefix
    ['bash', 'Bash', false], // case-sensitive
    ['Edit|Write', 'Write', true],
    ['Edit|Write', 'MultiEdit', false],
    ['Edit|Write', 'Edit|Write', false],
    ['mcp__github__create_issue', 'mcp__github__create_issue', true],
    ['mcp__github__create_issue', 'mcp__github__create_issue_comment', false],
    ['mcp__memory__.*', 'mcp__memory__create_entities', true],
    ['mcp__memory__.*', 'mcp__github__x', false],
    ['mcp__.*__write.*', 'mcp__fs__write_file', true],
    ['^Notebook', 'NotebookEdit', true],
    ['^Notebook', 'MyNotebook', false],
    ['Edit.*', 'MultiEdit', true], // a regular expression is searched, not anchored (as in JavaScript's test)
    ['^(Edit|Write)$', 'MultiEdit', false],
    ['startup', 'resume', false],
    ['startup|resume', 'resume', true],
  ])('%s against %s: %s', (matcher, value, expected) => {
    expect(matcherMatches(matcher, value)).toBe(expected);
  });
});

const where = { file: '/x/settings.json', origin: 'user' as const, fromProject: false, field: 'hooks' };

describe('hooks settings', () => {
  it('reads command hooks with their timeout (seconds; default 60)', () => {
    const { commands, notices } = parseHooksValue(
      { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'a', timeout: 2.5 }, { type: 'command', command: 'b' }] }] },
      where,
    );
    expect(commands.map((c) => [c.event, c.matcher, c.command, c.timeoutMs])).toEqual([
      ['PreToolUse', 'Bash', 'a', 2500],
      ['PreToolUse', 'Bash', 'b', 60_000],
    ]);
    expect(notices).toEqual([]);
  });

  it('events and hook types this runtime does not run are notices, not errors', () => {
    const { commands, notices } = parseHooksValue(
      { PermissionRequest: [{ hooks: [{ type: 'command', command: 'x' }] }], Stop: [{ hooks: [{ type: 'prompt', prompt: 'is it done?' }] }] },
      where,
    );
    expect(commands).toEqual([]);
    expect(notices[0]).toContain('hooks.PermissionRequest: this event is not fired');
    expect(notices[1]).toContain("hooks.Stop[0].hooks[0]: hooks of type 'prompt' are not supported");
  });

  it.each([
    [{ PreToolUse: { matcher: 'Bash' } }, 'hooks.PreToolUse: '],
    [{ PreToolUse: [{ matcher: 'Bash' }] }, 'hooks.PreToolUse[0].hooks: '],
    [{ PreToolUse: [{ hooks: [{ type: 'command', command: 'x', timeout: '5' }] }] }, 'hooks.PreToolUse[0].hooks[0].timeout: '],
    [{ PreToolUse: [{ hooks: [{ type: 'command', command: 'x', timeout: 0 }] }] }, 'hooks.PreToolUse[0].hooks[0].timeout: '],
    [{ PreToolUse: [{ hooks: [{ type: 'command', command: 'x', timeout: 86_401 }] }] }, 'hooks.PreToolUse[0].hooks[0].timeout: '],
    [{ PreToolUse: [{ hooks: [{ type: 'command' }] }] }, 'hooks.PreToolUse[0].hooks[0].command: a command hook needs a non-empty command'],
    [{ Stop: [{}, { matcher: '(', hooks: [] }] }, 'hooks.Stop[0].hooks: '],
    [{ PostToolUse: [{ matcher: 'Write(', hooks: [] }] }, "hooks.PostToolUse[0].matcher: 'Write(' is not a valid regular expression"],
  ])('%j is an error naming the field', (value, message) => {
    expect(() => parseHooksValue(value, where)).toThrow(HookConfigError);
    expect(() => parseHooksValue(value, where)).toThrow(`/x/settings.json: ${message}`);
  });

  it('a settings file with bad JSON names the file and line; a missing file has no hooks', () => {
    const f = fixture();
    const file = path.join(f.home, '.claude', 'settings.json');
    writeFileSync(file, '{\n  "hooks": {\n    "Stop": [,]\n  }\n}\n');
    expect(() => loadSettingsHooks(file, 'user', false)).toThrow(`${file}:3: invalid JSON`);
    expect(loadSettingsHooks(path.join(f.home, 'none.json'), 'user', false).commands).toEqual([]);
  });

  it('a run with a malformed user settings file does not start: the error names the file and field (the CLI exits 2)', async () => {
    const f = fixture();
    mkdirSync(path.join(f.home, '.claude'), { recursive: true });
    writeFileSync(path.join(f.home, '.claude', 'settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'x', timeout: -1 }] }] } }));
    const start = startRun({ agent: 'hooker', agentsDir: f.agentsDir, task: 't', cwd: f.cwd, mcp: false, env: { HOME: f.home, ANTHROPIC_API_KEY: 'k' } });
    await expect(start).rejects.toBeInstanceOf(PermissionConfigError);
    await expect(start).rejects.toThrow(`${path.join(f.home, '.claude', 'settings.json')}: hooks.PreToolUse[0].hooks[0].timeout`);
  });

  it("a definition's hooks frontmatter is checked the same way, naming the definition file", async () => {
    const f = fixture({ agent: `---\nname: hooker\ndescription: d\ntools: Read\nmodel: sonnet\nhooks:\n  Stop: yes\n---\nbody\n` });
    const start = startRun({ agent: 'hooker', agentsDir: f.agentsDir, task: 't', cwd: f.cwd, mcp: false, env: { HOME: f.home, ANTHROPIC_API_KEY: 'k' } });
    await expect(start).rejects.toThrow(`${path.join(f.agentsDir, 'hooker.md')}: hooks.Stop:`);
  });
});
