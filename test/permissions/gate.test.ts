import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionGate, PermissionConfigError } from '../../permissions/index.js';
import type { PermissionGateOptions } from '../../permissions/index.js';
import { bashSpecifierMatches, literalLead } from '../../permissions/bash-rule.js';
import { parseRule, RuleSyntaxError } from '../../permissions/rules.js';
import type { AgentDefinition } from '../../agent/definition/index.js';
import { makeFixture } from '../firewall/fixture.js';
import type { Fixture } from '../firewall/fixture.js';
import { executeBash, seedDefinition } from '../firewall/harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());

function gate(extra: Partial<PermissionGateOptions> = {}) {
  return createPermissionGate({ definition: seedDefinition(), cwd: fx.proj, home: fx.home, ...extra });
}
const bash = (command: string) => ({ toolName: 'Bash', toolUseId: 't', input: { command }, readOnly: false });

describe('done-when checks of issue 4', () => {
  it('denies docker run --privileged -v /:/host alpine under Bash(docker:*), naming what would allow it', async () => {
    const { decision, result } = await executeBash(fx, 'docker run --privileged -v /:/host alpine');
    expect(result).toBeUndefined();
    expect(decision.behavior).toBe('deny');
    expect(decision.reason).toMatch(/--privileged/);
    expect(decision.reason).toMatch(/--allow 'Bash\(docker run --privileged -v \/:\/host alpine\)'|bypassPermissions/);
  });

  it('lets it through only with a trusted rule naming the flags, or bypassPermissions; a deny rule still wins', async () => {
    const cmd = 'docker run --privileged -v /:/host alpine';
    expect((await gate({ allow: ['Bash(docker run --privileged -v /:/host alpine)'] }).check(bash(cmd))).behavior).toBe('allow');
    // Naming --privileged does not name the / mount; Bash(docker:*) names neither.
    expect(await gate({ allow: ['Bash(docker run --privileged *)'] }).check(bash(cmd))).toEqual({
      behavior: 'deny',
      reason: "host escape: / (/) is outside the project: a mount there reaches the host. Only a rule that names it allows this, e.g. --allow 'Bash(docker run --privileged -v /:/host alpine)', or --permission-mode bypassPermissions. Nothing was run.",
    });
    expect(await gate({ allow: ['Bash(docker:*)'] }).check(bash(cmd))).toEqual({
      behavior: 'deny',
      reason: "host escape: --privileged gives the container every capability and every host device. Only a rule that names it allows this, e.g. --allow 'Bash(docker run --privileged -v /:/host alpine)', or --permission-mode bypassPermissions. Nothing was run.",
    });
    expect((await gate({ mode: 'bypassPermissions' }).check(bash(cmd))).behavior).toBe('allow');
    const denied = await gate({ mode: 'bypassPermissions', deny: ['Bash(docker run:*)'] }).check(bash(cmd));
    expect(denied).toMatchObject({ behavior: 'deny', rule: 'Bash(docker run:*)' });
  });
});

describe('rules and modes for Bash', () => {
  it('a change asks; without an approver the denial names the rule that would allow it', async () => {
    const d = await gate().check(bash('kubectl apply -f k8s/deploy.yaml'));
    expect(d).toEqual({ behavior: 'deny', reason: "needs approval and nobody can approve in this run. kubectl apply changes the cluster. To allow it: --allow 'Bash(kubectl apply:*)'." });
    expect((await gate({ allow: ['Bash(kubectl apply:*)'] }).check(bash('kubectl apply -f k8s/deploy.yaml'))).behavior).toBe('allow');
    expect((await gate({ allow: ['Bash(kubectl apply:*)'] }).check(bash('kubectl -n prod apply -f k8s/deploy.yaml'))).behavior).toBe('allow');
    expect((await gate({ allow: ['Bash(kubectl apply:*)'] }).check(bash('kubectl delete pod x'))).reason).toBe("needs approval and nobody can approve in this run. kubectl delete changes the cluster. To allow it: --allow 'Bash(kubectl delete:*)'.");
    expect((await gate({ allow: ['Bash(kubectl rollout:*)'] }).check(bash('kubectl rollout restart deploy/web'))).behavior).toBe('allow');
    expect((await gate({ allow: ['Bash(kubectl rollout undo:*)'] }).check(bash('kubectl rollout restart deploy/web'))).reason).toMatch(/^needs approval and nobody can approve in this run\. kubectl rollout restart changes the cluster\./);
    expect((await gate({ allow: ['Bash(docker compose up:*)'] }).check(bash('docker compose up -d'))).behavior).toBe('allow');
    expect((await gate({ allow: ['Bash(kubectl:*)'] }).check(bash('kubectl delete pod x'))).reason).toMatch(/^needs approval and nobody can approve in this run\. kubectl delete changes the cluster\./);
  });

  it('an approver answers asks; "always" remembers the call', async () => {
    const asked: string[] = [];
    const g = gate({ approver: async (req, d) => { asked.push(d.reason); return 'always'; } });
    expect((await g.check(bash('docker stop web'))).behavior).toBe('allow');
    expect((await g.check(bash('docker stop web'))).behavior).toBe('allow');
    expect(asked).toHaveLength(1);
    expect(asked).toEqual(["docker stop changes containers, images or the engine. To allow it: --allow 'Bash(docker stop:*)'."]);
    const no = gate({ approver: async () => 'deny' });
    expect(await no.check(bash('docker stop web'))).toEqual({ behavior: 'deny', reason: "the user declined: docker stop changes containers, images or the engine. To allow it: --allow 'Bash(docker stop:*)'." });
    const cancel = gate({ approver: async () => 'cancel' });
    expect((await cancel.check(bash('docker stop web'))).reason).toMatch(/: docker stop changes containers/);
    // "allow" approves this call only: the same call asks again.
    const once: string[] = [];
    const g1 = gate({ approver: async (_r, d) => (once.push(d.reason), 'allow') });
    expect((await g1.check(bash('docker stop web'))).reason).toBe("the user approved: docker stop changes containers, images or the engine. To allow it: --allow 'Bash(docker stop:*)'.");
    await g1.check(bash('docker stop web'));
    expect(once).toHaveLength(2);
  });

  it('plan mode allows only read-only calls', async () => {
    const g = gate({ mode: 'plan' });
    expect((await g.check(bash('docker ps'))).behavior).toBe('allow');
    expect((await g.check(bash('docker stop web'))).reason).toMatch(/plan mode is read-only/);
    expect((await g.check(bash('docker ps > out.txt'))).reason).toMatch(/plan mode/);
    expect(await g.check({ toolName: 'Write', toolUseId: 't', input: { file_path: 'x', content: '' }, readOnly: false })).toEqual({ behavior: 'deny', reason: `plan mode is read-only: Write ${fx.proj}/x is not allowed.` });
    expect((await g.check({ toolName: 'Read', toolUseId: 't', input: { file_path: 'Dockerfile' }, readOnly: true })).behavior).toBe('allow');
  });

  it('acceptEdits allows edits inside the project; default asks for them', async () => {
    const write = { toolName: 'Write', toolUseId: 't', input: { file_path: 'Dockerfile', content: 'FROM x' }, readOnly: false };
    expect((await gate({ mode: 'acceptEdits' }).check(write)).behavior).toBe('allow');
    const d = await gate().check(write);
    expect(d.behavior).toBe('deny');
    expect(d.reason).toMatch(/--allow 'Edit\(Dockerfile\)' or --permission-mode acceptEdits/);
    expect((await gate({ allow: ['Edit(Dockerfile)'] }).check(write)).behavior).toBe('allow');
  });

  it('deny beats ask beats allow, and a bare deny hides the tool', async () => {
    const g = gate({ allow: ['Bash(docker ps:*)'], deny: ['Bash(docker ps -a)'] });
    expect(await g.check(bash('docker ps -a'))).toEqual({ behavior: 'deny', reason: "'docker ps -a' is denied by the rule Bash(docker ps -a) (--deny). Nothing was run.", rule: 'Bash(docker ps -a)' });
    expect(await g.check(bash('docker ps'))).toEqual({ behavior: 'allow', reason: 'docker ps only looks', rule: 'Bash(docker:*)' });
    const asks = gate({ ask: ['Bash(docker images:*)'] });
    expect((await asks.check(bash('docker images'))).reason).toMatch(/ask rule/);
    const hidden = gate({ deny: ['Bash'] });
    expect(hidden.toolVisible('Bash')).toBe(false);
    expect(hidden.toolVisible('Read')).toBe(true);
    expect(await hidden.check(bash('docker ps'))).toEqual({ behavior: 'deny', reason: 'Bash is denied by Bash (--deny).', rule: 'Bash' });
  });

  it('deny rules match past environment prefixes and in the canonical order of global options', async () => {
    const g = gate({ deny: ['Bash(docker build:*)', 'Bash(kubectl get secrets:*)'] });
    expect(await g.check(bash('DOCKER_BUILDKIT=1 docker build .'))).toMatchObject({ behavior: 'deny', rule: 'Bash(docker build:*)' });
    expect(await g.check(bash('kubectl -n prod get secrets'))).toMatchObject({ behavior: 'deny', rule: 'Bash(kubectl get secrets:*)' });
    expect(await g.check(bash('kubectl -n prod get pods'))).toMatchObject({ behavior: 'allow' });
  });

  it('the definition is the capability: a tool or a program it does not list is denied', async () => {
    const d = await gate().check({ toolName: 'WebFetch', toolUseId: 't', input: {}, readOnly: true });
    expect(d.reason).toMatch(/does not give the agent the WebFetch tool/);
    expect((await gate({ allow: ['Bash(ls:*)'] }).check(bash('ls'))).reason).toMatch(/limits Bash to Bash\(docker:\*\)/);
    const g = gate();
    expect(g.toolVisible('WebFetch')).toBe(false);
    expect(g.toolVisible('mcp__Ref__search')).toBe(true);
    expect(g.toolVisible('mcp__other__x')).toBe(false);
    expect(g.toolVisible('Handoff')).toBe(true);
  });

  it('an unrestricted Bash still refuses wrappers, and exec-capable programs need an exact rule', async () => {
    const def: AgentDefinition = { ...seedDefinition(), tools: [{ tool: 'Bash', raw: 'Bash' }] };
    const g = (allow: string[]) => createPermissionGate({ definition: def, cwd: fx.proj, home: fx.home, allow });
    expect((await g(['Bash(sh:*)']).check(bash('sh -c id'))).reason).toMatch(/never run/);
    expect((await g(['Bash(find:*)']).check(bash('find . -name x'))).reason).toMatch(/exact rule/);
    expect((await g(['Bash(find . -name x)']).check(bash('find . -name x'))).behavior).toBe('allow');
    expect((await g(['Bash(ls:*)']).check(bash('ls -la'))).behavior).toBe('allow');
    expect((await g([]).check(bash('ls -la'))).reason).toMatch(/--allow 'Bash\(ls:\*\)'/);
    expect((await g(['Bash(rm:*)']).check(bash('rm -rf /'))).reason).toMatch(/filesystem root/);
    expect((await g(['Bash(rm:*)']).check(bash(`rm -rf ${fx.proj}`))).reason).toMatch(/the project/);
  });

  it('MCP entries of the definition are allow rules; run_in_background is refused', async () => {
    expect((await gate().check({ toolName: 'mcp__sequential_thinking__sequentialthinking', toolUseId: 't', input: {}, readOnly: false })).behavior).toBe('allow');
    expect((await gate().check({ toolName: 'Bash', toolUseId: 't', input: { command: 'docker ps', run_in_background: true }, readOnly: true })).reason).toMatch(/run_in_background/);
  });
});

describe('settings files', () => {
  function project(files: Record<string, string>): string {
    const dir = path.join(fx.root, `p${Math.random().toString(36).slice(2)}`);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  }

  it('reads permissions.allow/ask/deny and defaultMode from .claude/settings.json and settings.local.json', async () => {
    const dir = project({
      '.claude/settings.json': JSON.stringify({ permissions: { allow: ['Bash(docker stop:*)'], defaultMode: 'acceptEdits' } }),
      '.claude/settings.local.json': JSON.stringify({ permissions: { deny: ['Bash(docker ps:*)'] } }),
    });
    const g = createPermissionGate({ definition: seedDefinition(), cwd: dir, home: fx.home });
    expect(g.mode).toBe('acceptEdits');
    expect((await g.check(bash('docker stop web'))).behavior).toBe('allow');
    expect((await g.check(bash('docker ps'))).rule).toBe('Bash(docker ps:*)');
  });

  it('a project file cannot turn on bypassPermissions, widen the roots, or open a host escape', async () => {
    const dir = project({
      '.claude/settings.json': JSON.stringify({ permissions: { defaultMode: 'bypassPermissions', additionalDirectories: ['/'], allow: ['Bash(docker run --privileged alpine)', 'Read(//etc/passwd)'] } }),
    });
    const g = createPermissionGate({ definition: seedDefinition(), cwd: dir, home: fx.home });
    expect(g.mode).toBe('default');
    expect(g.roots).toEqual([dir]);
    expect(g.warnings.join('\n')).toMatch(/bypassPermissions ignored[\s\S]*additionalDirectories ignored/);
    expect((await g.check(bash('docker run --privileged alpine'))).reason).toMatch(/^host escape: --privileged gives the container every capability/);
    expect((await g.check({ toolName: 'Read', toolUseId: 't', input: { file_path: '/etc/passwd' }, readOnly: true })).reason).toMatch(/^Read \/etc\/passwd is outside the project/);
  });

  it('a JSON syntax error names the file and the line', () => {
    const dir = project({ '.claude/settings.json': '{\n  "permissions": {\n    "allow": ["Bash(docker ps)",]\n  }\n}\n' });
    const err = (() => {
      try {
        createPermissionGate({ definition: seedDefinition(), cwd: dir, home: fx.home });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PermissionConfigError);
    expect((err as PermissionConfigError).file).toBe(path.join(dir, '.claude/settings.json'));
    expect((err as PermissionConfigError).line).toBe(3);
    expect(String(err)).toMatch(/settings\.json:3: invalid JSON/);
  });

  it('a bad field or rule names the file and the field', () => {
    const dir1 = project({ '.claude/settings.json': JSON.stringify({ permissions: { allow: 'Bash' } }) });
    expect(() => createPermissionGate({ definition: seedDefinition(), cwd: dir1, home: fx.home })).toThrow(/settings\.json: permissions\.allow/);
    const dir2 = project({ '.claude/settings.json': JSON.stringify({ permissions: { deny: ['Bash(docker'] } }) });
    expect(() => createPermissionGate({ definition: seedDefinition(), cwd: dir2, home: fx.home })).toThrow(/permissions\.deny\[0\].*must end with '\)'/);
    expect(() => gate({ allow: ['*'] })).toThrow(/--allow.*mcp__<server>__\*/);
  });

  it('disableBypassPermissionsMode refuses bypassPermissions', () => {
    const dir = project({ '.claude/settings.json': JSON.stringify({ permissions: { disableBypassPermissionsMode: 'disable' } }) });
    expect(() => createPermissionGate({ definition: seedDefinition(), cwd: dir, home: fx.home, mode: 'bypassPermissions' })).toThrow(/disabled/);
  });
});

describe('rule syntax', () => {
  const src = { label: 'test', trusted: true, root: '/' };
  it('parses tools, specifiers and MCP names', () => {
    expect(parseRule('Bash(docker:*)', 'allow', src)).toMatchObject({ tool: 'Bash', specifier: 'docker:*' });
    expect(parseRule('Bash(*)', 'deny', src)).toMatchObject({ tool: 'Bash', specifier: undefined });
    expect(parseRule('Agent(worker)', 'deny', src)).toMatchObject({ tool: 'Task' });
    expect(parseRule('mcp__Ref__*', 'allow', src)).toMatchObject({ tool: 'mcp__Ref__*' });
    expect(() => parseRule('Bash()', 'allow', src)).toThrow(RuleSyntaxError);
    expect(() => parseRule('mcp__*', 'allow', src)).toThrow(RuleSyntaxError);
    expect(parseRule('mcp__*', 'deny', src).tool).toBe('mcp__*');
  });

  it('matches Bash specifiers word by word', () => {
    expect(bashSpecifierMatches('docker:*', ['docker', 'ps'])).toBe(true);
    expect(bashSpecifierMatches('docker:*', ['docker-compose', 'up'])).toBe(false);
    expect(bashSpecifierMatches('ls *', ['lsof'])).toBe(false);
    expect(bashSpecifierMatches('ls*', ['lsof'])).toBe(true);
    expect(bashSpecifierMatches('npm run build', ['npm', 'run', 'build'])).toBe(true);
    expect(bashSpecifierMatches('npm run build', ['npm', 'run', 'build', '--x'])).toBe(false);
    expect(bashSpecifierMatches('git * main', ['git', 'push', 'origin', 'main'])).toBe(true);
    expect(bashSpecifierMatches('git:* push', ['git', 'x', 'push'])).toBe(false);
    expect(bashSpecifierMatches('echo "a b"', ['echo', 'a b'])).toBe(true);
    expect(literalLead('kubectl apply:*')).toEqual(['kubectl', 'apply']);
  });
});

describe('failure of a check', () => {
  it('refuses a manifest that is a FIFO instead of blocking on it', async () => {
    const fifo = path.join(fx.proj, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const d = await gate({ allow: ['Bash(kubectl apply:*)'] }).check(bash('kubectl apply -f pipe.yaml'));
    expect(d.behavior).toBe('deny');
    expect(d.reason).toMatch(/not a regular file/);
  });

  it('a settings file that is a FIFO is a clear error, not a hang', () => {
    const dir = path.join(fx.root, 'fifo-proj');
    mkdirSync(path.join(dir, '.claude'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, '.claude', 'settings.json')]);
    expect(() => createPermissionGate({ definition: seedDefinition(), cwd: dir, home: fx.home })).toThrow(/not a regular file/);
  });

  it('denies when a check cannot finish, instead of letting the call through', async () => {
    const dir = path.join(fx.proj, 'noperm');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [a.yaml]\n');
    const g = gate({ allow: ['Bash(kubectl apply:*)'], firewallLimits: { maxManifestBytes: -1 } });
    const d = await g.check(bash('kubectl apply -k noperm'));
    expect(d.behavior).toBe('deny');
    expect(d.reason).toMatch(/could not finish/);
  });
});
