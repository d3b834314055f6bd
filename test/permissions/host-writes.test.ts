/**
 * Container commands that write host files: one file (cidfile, iidfile, an archive) or a tree whose names an image or a
 * container chooses (`docker build -o`, `docker cp`, `kubectl cp`). Guarded files are refused in every mode; a tree
 * into a folder that holds (or could receive) .git/, .claude/ or .mcp.json is refused; one file with a sensitive name asks.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionGate } from '../../permissions/index.js';
import type { PermissionGateOptions, PermissionMode } from '../../permissions/index.js';
import { makeFixture } from '../firewall/fixture.js';
import type { Fixture } from '../firewall/fixture.js';
import { seedDefinition } from '../firewall/harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
  mkdirSync(path.join(fx.proj, '.git', 'hooks'), { recursive: true });
  mkdirSync(path.join(fx.proj, 'sub', '.git'), { recursive: true });
  mkdirSync(path.join(fx.proj, 'out'), { recursive: true });
});
afterAll(() => fx.cleanup());

/** The verdict with an approver that records the question and declines: 'ask' (and what was asked) or the gate's own. */
async function verdict(command: string, options: Partial<PermissionGateOptions> = {}): Promise<{ behavior: string; reason: string }> {
  const asked: string[] = [];
  const gate = createPermissionGate({
    definition: seedDefinition(),
    cwd: fx.proj,
    home: fx.home,
    approver: async (_req, d) => (asked.push(d.reason), 'deny'),
    ...options,
  });
  const d = await gate.check({ toolName: 'Bash', toolUseId: 't', input: { command }, readOnly: false });
  if (asked.length > 0) {
    expect(d.behavior).toBe('deny');
    return { behavior: 'ask', reason: asked[0] };
  }
  return { behavior: d.behavior, reason: d.reason };
}

const MODES: PermissionMode[] = ['default', 'acceptEdits', 'bypassPermissions'];

describe('trees written by an image or a container', () => {
  it.each([
    ['docker build -o . .', /^\. receives files an image or a container names, and it holds \.git\/, \.claude\/ and \.mcp\.json/],
    ['docker build --output type=local,dest=. .', /^\. receives files an image or a container names/],
    ['docker build -o sub .', /^sub receives files an image or a container names, and it holds \.git: write them to a folder of their own/],
    ['docker build -o .git/hooks .', /^\.git\/hooks: \.git\/ is protected/],
    ['docker cp web:/app .', /^\. receives files/],
    ['docker cp web:/evil .git/hooks/pre-commit', /^\.git\/hooks\/pre-commit: \.git\/ is protected/],
    ['docker cp web:/x .claude/settings.json', /^\.claude\/settings\.json: \.claude\/ is protected/],
    ['docker cp web:/x .mcp.json', /^\.mcp\.json: \.mcp\.json is protected/],
    ['kubectl cp web:/app .', /^\. receives files/],
    ['kubectl cp web:/x .git/hooks/pre-push', /^\.git\/hooks\/pre-push: \.git\/ is protected/],
    ['docker save -o .git/hooks/pre-commit alpine', /^\.git\/hooks\/pre-commit: \.git\/ is protected/],
    ['docker build --iidfile .claude/id .', /^\.claude\/id: \.claude\/ is protected/],
  ])('%s is refused in every mode', async (command, why) => {
    for (const mode of MODES) {
      const v = await verdict(command, { mode, allow: ['Bash(docker build:*)', 'Bash(docker cp:*)', 'Bash(kubectl cp:*)'] });
      expect(v.behavior, `${mode}: ${v.reason}`).toBe('deny');
      expect(v.reason, mode).toMatch(why);
      expect(v.reason, mode).toMatch(/It can be allowed only by a rule for this exact command/);
    }
  });

  it('an exact trusted rule still opens one', async () => {
    const v = await verdict('docker build -o . .', { allow: ['Bash(docker build -o . .)'] });
    expect(v.behavior).toBe('allow');
  });

  it('a tree into a folder of its own is fine (docker cp still asks: it is a change)', async () => {
    expect(await verdict('docker build -o out .')).toEqual({ behavior: 'allow', reason: 'docker build inside the project' });
    expect(await verdict('docker cp web:/app out')).toEqual({ behavior: 'ask', reason: "docker cp copies files into or out of a container. To allow it: --allow 'Bash(docker cp:*)'." });
    expect((await verdict('docker build -o - .')).behavior).toBe('allow');
    expect((await verdict('docker build --output type=tar,dest=out/image.tar .')).behavior).toBe('allow');
  });

  it('one file written into a sensitive name asks, even in acceptEdits', async () => {
    const v = await verdict('docker build --iidfile .npmrc .', { mode: 'acceptEdits' });
    expect(v).toEqual({ behavior: 'ask', reason: ".npmrc: .npmrc is a startup or tool configuration file that can run code. To allow it: --allow 'Bash(docker build:*)'." });
  });
});
