/** Project hooks are code from the repository: they run only in a trusted project. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endTurn, toolTurn, toolUse } from '../support/scripted-server.js';
import { AGENT, closeServers, fixture, hookEvents, logged, node, runHooked } from './helpers.js';

afterEach(closeServers);

const recorder = { PreToolUse: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }] };
const script = () => [toolTurn([toolUse('Bash', { command: 'echo hi' })]), endTurn('done')];

describe('trust', () => {
  it('project settings hooks do not run without trust; one notice says so; user hooks still run', async () => {
    const f = fixture({ project: recorder, local: recorder, user: { Stop: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }] } });
    const { events, notices } = await runHooked(f, script());
    expect(logged(f).map((i) => i.hook_event_name)).toEqual(['Stop']);
    expect(hookEvents(events).map((h) => h.origin)).toEqual(['user']);
    const skipped = notices.filter((n) => n.includes('not trusted'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain('2 hook(s)');
    expect(skipped[0]).toContain(path.join(f.cwd, '.claude', 'settings.json'));
    expect(skipped[0]).toContain('--trust-project');
  });

  it('with --trust-project they run (settings.json and settings.local.json, both kept: merged, not overridden)', async () => {
    const f = fixture({ project: recorder, local: { PreToolUse: [{ hooks: [{ type: 'command', command: `${node('record.mjs')} local` }] }] } });
    const { events, notices } = await runHooked(f, script(), { trustProject: true });
    expect(logged(f)).toHaveLength(2);
    expect(hookEvents(events).map((h) => h.origin).sort()).toEqual(['local', 'project']);
    expect(notices.filter((n) => n.includes('not trusted'))).toEqual([]);
  });

  it("Claude Code's trust record in ~/.claude.json trusts the exact project path, not its parent; serve/batch ignore it", async () => {
    const f = fixture({ project: recorder });
    writeFileSync(path.join(f.home, '.claude.json'), JSON.stringify({ projects: { [f.cwd]: { hasTrustDialogAccepted: true } } }));
    await runHooked(f, script());
    expect(logged(f)).toHaveLength(1);

    const g = fixture({ project: recorder });
    writeFileSync(path.join(g.home, '.claude.json'), JSON.stringify({ projects: { [g.cwd]: { hasTrustDialogAccepted: true } } }));
    await runHooked(g, script(), { recordedTrust: false });
    expect(logged(g)).toHaveLength(0);

    const h = fixture({ project: recorder });
    writeFileSync(path.join(h.home, '.claude.json'), JSON.stringify({ projects: { [path.dirname(h.cwd)]: { hasTrustDialogAccepted: true }, [h.cwd]: { hasTrustDialogAccepted: false } } }));
    await runHooked(h, script());
    expect(logged(h)).toHaveLength(0);
  });

  it("a project agent definition's hooks need trust; the same definition outside the project does not", async () => {
    const withHooks = AGENT.replace('model: sonnet\n', `model: sonnet\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: ${JSON.stringify(node('record.mjs'))}\n`);
    const f = fixture({ projectAgent: withHooks });
    const untrusted = await runHooked(f, script(), { agentsDir: undefined });
    expect(logged(f)).toHaveLength(0);
    expect(untrusted.notices.some((n) => n.includes('not trusted') && n.includes('hooker.md'))).toBe(true);
    await runHooked(f, script(), { agentsDir: undefined, trustProject: true });
    expect(logged(f)).toHaveLength(1);

    const g = fixture({ agent: withHooks });
    const outside = await runHooked(g, script());
    expect(logged(g)).toHaveLength(1);
    expect(hookEvents(outside.events)[0].origin).toBe('agent');
  });
});
