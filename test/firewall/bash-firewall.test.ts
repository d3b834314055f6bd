/**
 * The Bash firewall's defences one by one, reached past the allowlist: an unrestricted `Bash` definition (or the shipped
 * one with the rule under test), a live approver that records every question, and the exact verdict and reason.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDefinition } from '../../agent/definition/index.js';
import { checkMainThreadBash } from '../../cli/claude-hook/main-thread.js';
import { createPermissionGate } from '../../permissions/index.js';
import type { PermissionGateOptions } from '../../permissions/index.js';
import { makeFixture } from './fixture.js';
import type { Fixture } from './fixture.js';
import { freeDefinition, seedDefinition } from './harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
  mkdirSync(path.join(fx.proj, '.git', 'hooks'), { recursive: true });
  mkdirSync(path.join(fx.proj, 'build'), { recursive: true });
  symlinkSync('.git/hooks', path.join(fx.proj, 'hooks-link'));
  symlinkSync('.env', path.join(fx.proj, 'env-link'));
  symlinkSync(fx.home, path.join(fx.proj, 'home-link'));
  mkdirSync(path.join(fx.proj, 'settings-proj', '.claude'), { recursive: true });
  writeFileSync(path.join(fx.proj, 'settings-proj', '.claude', 'settings.json'), JSON.stringify({ permissions: { allow: ['Edit(.git/hooks/pre-commit)', 'Read(.env)', 'Bash(docker run --privileged alpine)', 'Bash(find . -delete)'] } }));
});
afterAll(() => fx.cleanup());

interface Verdict {
  behavior: 'allow' | 'ask' | 'deny';
  reason: string;
  rule?: string;
}

/**
 * The verdict with a live approver that records the question and declines: `ask` with the question, or the gate's own
 * allow or deny (then nobody was asked). Nothing is run.
 */
async function verdict(command: string, options: Partial<PermissionGateOptions> & { free?: boolean } = {}): Promise<Verdict> {
  const { free = true, ...rest } = options;
  const asked: string[] = [];
  const gate = createPermissionGate({
    definition: free ? freeDefinition() : seedDefinition(),
    cwd: fx.proj,
    home: fx.home,
    approver: async (_req, d) => (asked.push(d.reason), 'deny'),
    ...rest,
  });
  const d = await gate.check({ toolName: 'Bash', toolUseId: 't', input: { command }, readOnly: false });
  if (asked.length > 0) {
    expect(asked).toHaveLength(1);
    expect(d.behavior).toBe('deny');
    expect(d.reason).toBe(`the user declined: ${asked[0]}`);
    return { behavior: 'ask', reason: asked[0], ...(d.rule ? { rule: d.rule } : {}) };
  }
  return { behavior: d.behavior as Verdict['behavior'], reason: d.reason, ...(d.rule ? { rule: d.rule } : {}) };
}

describe('rules: deny, ask, allow', () => {
  it('an allow rule allows only the commands it matches', async () => {
    expect(await verdict('docker ps', { allow: ['Bash(docker images:*)'] })).toEqual({
      behavior: 'ask',
      reason: "docker ps only looks, but no rule allows docker ps. To allow it: --allow 'Bash(docker ps:*)'.",
    });
    expect(await verdict('docker ps', { allow: ['Bash(docker ps:*)'] })).toEqual({ behavior: 'allow', reason: 'docker ps only looks', rule: 'Bash(docker ps:*)' });
    expect(await verdict('docker ps', { allow: ['Bash'] })).toEqual({ behavior: 'allow', reason: 'docker ps only looks', rule: 'Bash' });
    expect(await verdict('echo hi', { allow: ['Bash(ls:*)'] })).toEqual({ behavior: 'ask', reason: "echo is not a program the firewall classifies. To allow it: --allow 'Bash(echo:*)'." });
    expect(await verdict('echo hi', { allow: ['Bash(echo:*)'] })).toEqual({ behavior: 'allow', reason: 'echo is not a program the firewall classifies', rule: 'Bash(echo:*)' });
  });

  it('deny rules win over allow rules and bypassPermissions, and match past safe prefixes and the canonical form', async () => {
    expect(await verdict('docker ps', { allow: ['Bash(docker:*)'], deny: ['Bash(docker ps:*)'], mode: 'bypassPermissions' })).toEqual({
      behavior: 'deny',
      reason: "'docker ps' is denied by the rule Bash(docker ps:*) (--deny). Nothing was run.",
      rule: 'Bash(docker ps:*)',
    });
    expect((await verdict('DOCKER_BUILDKIT=1 docker ps', { deny: ['Bash(docker ps:*)'] })).reason).toBe("'DOCKER_BUILDKIT=1 docker ps' is denied by the rule Bash(docker ps:*) (--deny). Nothing was run.");
    expect((await verdict('kubectl -n prod delete pod x', { deny: ['Bash(kubectl delete:*)'] })).behavior).toBe('deny');
    expect((await verdict('DOCKER_BUILDKIT=1 docker build .', { deny: ['Bash(DOCKER_BUILDKIT=1 docker build .)'] })).behavior).toBe('deny');
    expect(await verdict('docker ps', { deny: ['Bash'] })).toEqual({ behavior: 'deny', reason: 'Bash is denied by Bash (--deny).', rule: 'Bash' });
  });

  it('an ask rule asks even when an allow rule matches', async () => {
    expect(await verdict('docker ps', { allow: ['Bash(docker:*)'], ask: ['Bash(docker ps:*)'] })).toEqual({
      behavior: 'ask',
      reason: "'docker ps' matches the ask rule Bash(docker ps:*) (--ask). Approve it interactively (no allow rule overrides an ask rule).",
      rule: 'Bash(docker ps:*)',
    });
    expect(await verdict('docker ps', { ask: ['Bash'], mode: 'bypassPermissions' })).toMatchObject({ behavior: 'ask', rule: 'Bash' });
  });

  it('a change needs a rule naming its subcommand; the program alone is not enough', async () => {
    const ask = { behavior: 'ask', reason: "kubectl delete changes the cluster. To allow it: --allow 'Bash(kubectl delete:*)'." };
    expect(await verdict('kubectl delete pod x', { allow: ['Bash(kubectl:*)'] })).toEqual(ask);
    expect(await verdict('kubectl delete pod x', { allow: ['Bash'] })).toEqual(ask);
    expect(await verdict('kubectl delete pod x', { allow: ['Bash(kubectl apply:*)'] })).toEqual(ask);
    expect(await verdict('kubectl delete pod x', { allow: ['Bash(kubectl delete:*)'] })).toEqual({ behavior: 'allow', reason: 'kubectl delete changes the cluster', rule: 'Bash(kubectl delete:*)' });
    expect((await verdict('docker compose up -d', { allow: ['Bash(docker compose:*)'] })).behavior).toBe('allow');
    expect((await verdict('docker compose up -d', { allow: ['Bash(docker compose down:*)'] })).behavior).toBe('ask');
    expect((await verdict('kubectl rollout restart deploy/web', { allow: ['Bash(kubectl rollout:*)'] })).behavior).toBe('allow');
    expect((await verdict('kubectl rollout restart deploy/web', { allow: ['Bash(kubectl rollout undo:*)'] })).behavior).toBe('ask');
  });

  it('a change rule may put options between the program and the subcommand, but must name the subcommand', async () => {
    expect(await verdict('kubectl -n prod apply -f k8s/deploy.yaml', { allow: ['Bash(kubectl -n prod apply:*)'] })).toEqual({ behavior: 'allow', reason: 'kubectl apply changes the cluster', rule: 'Bash(kubectl -n prod apply:*)' });
    expect(await verdict('kubectl -n prod delete pod x', { allow: ['Bash(kubectl -n prod:*)'] })).toEqual({ behavior: 'ask', reason: "kubectl delete changes the cluster. To allow it: --allow 'Bash(kubectl delete:*)'." });
    expect((await verdict('docker compose up -d', { allow: ['Bash(docker compose up:*)'] })).behavior).toBe('allow');
  });

  it('the rule of an allowed command is the first one any of its parts used', async () => {
    expect(await verdict('echo a && docker ps', { allow: ['Bash(docker ps:*)'], mode: 'bypassPermissions' })).toEqual({
      behavior: 'allow',
      reason: 'echo is not a program the firewall classifies (bypassPermissions); docker ps only looks',
      rule: 'Bash(docker ps:*)',
    });
  });

  it('a container command whose only finding is a host escape, allowed, is named by its subcommand', async () => {
    expect(await verdict('docker volume create --opt type=none --opt o=bind --opt device=/ hostroot', { mode: 'bypassPermissions' })).toEqual({ behavior: 'allow', reason: 'docker volume create' });
  });

  it('programs that can run commands or write files need a rule for the exact command', async () => {
    expect(await verdict('find . -delete', { allow: ['Bash(find:*)'] })).toEqual({
      behavior: 'ask',
      reason: "find is not a program the firewall classifies. To allow it: --allow 'Bash(find . -delete)' (find can run commands or write files, so only an exact rule approves it).",
    });
    expect(await verdict('find . -delete', { allow: ['Bash(find . -delete)'] })).toEqual({ behavior: 'allow', reason: 'find is not a program the firewall classifies', rule: 'Bash(find . -delete)' });
    expect((await verdict("sed -n 'w /tmp/x' notes.txt", { allow: ['Bash(sed -n "w /tmp/x" notes.txt)'] })).behavior).toBe('allow');
  });
});

describe('how a command is matched', () => {
  it('messages name the command without its here-document', async () => {
    const cmd = "kubectl apply -f- <<'EOF'\nkind: ConfigMap\nEOF\n";
    expect((await verdict(cmd, { deny: ['Bash(kubectl apply:*)'] })).reason).toBe("'kubectl apply -f-' is denied by the rule Bash(kubectl apply:*) (--deny). Nothing was run.");
  });

  it('messages show the command with its spaces folded', async () => {
    expect((await verdict('docker    ps\t-a', { deny: ['Bash(docker ps:*)'] })).reason).toBe("'docker ps -a' is denied by the rule Bash(docker ps:*) (--deny). Nothing was run.");
  });

  it('wrappers are refused even when an ask or allow rule names them', async () => {
    const never = { behavior: 'deny', reason: "'sh' runs other programs or changes how they run; it is never run. Call the program directly. Nothing was run." };
    expect(await verdict('sh x.sh', { ask: ['Bash(sh:*)'] })).toEqual(never);
    expect(await verdict('sh x.sh', { allow: ['Bash(sh x.sh)'], mode: 'bypassPermissions' })).toEqual(never);
  });

  it('the definition limits Bash by the command as written (not its canonical form)', async () => {
    const def = parseDefinition('/defs/ps.md', Buffer.from('---\nname: ps\ndescription: d\ntools: Bash(docker ps:*)\n---\nbody\n'));
    const g = createPermissionGate({ definition: def, cwd: fx.proj, home: fx.home });
    const check = (command: string) => g.check({ toolName: 'Bash', toolUseId: 't', input: { command }, readOnly: false });
    expect(await check('docker ps -a')).toMatchObject({ behavior: 'allow' });
    expect((await check('docker --log-level debug ps')).reason).toMatch(/^the ps definition limits Bash to Bash\(docker ps:\*\); 'docker' is not one of them/);
  });

  it('with a connection variable, a change needs a rule for the whole command, prefix included', async () => {
    // The escape is named for any docker command; the change is named only without the prefix.
    const allow = ['Bash(DOCKER_HOST=tcp://h:2375 docker *)', 'Bash(docker stop:*)'];
    expect(await verdict('DOCKER_HOST=tcp://h:2375 docker stop web', { allow })).toEqual({
      behavior: 'ask',
      reason: "docker stop changes containers, images or the engine. To allow it: --allow 'Bash(docker stop:*)'.",
    });
    expect(await verdict('DOCKER_HOST=tcp://h:2375 docker stop web', { allow: ['Bash(DOCKER_HOST=tcp://h:2375 docker stop web)'] })).toEqual({
      behavior: 'allow',
      reason: 'docker stop changes containers, images or the engine',
      rule: 'Bash(DOCKER_HOST=tcp://h:2375 docker stop web)',
    });
    expect(await verdict('DOCKER_HOST=tcp://h:2375 docker ps', { allow: ['Bash(DOCKER_HOST=tcp://h:2375 docker ps)'] })).toEqual({ behavior: 'allow', reason: 'docker ps only looks', rule: 'Bash(DOCKER_HOST=tcp://h:2375 docker ps)' });
  });
});

describe('limits and context handed to the firewall', () => {
  it('the gate\'s Bash limits, docker context and firewall limits reach the checks', async () => {
    expect((await verdict('docker ps -a', { allow: ['Bash(docker:*)'], bashLimits: { maxCommandChars: 8, maxSubcommands: 50 } })).reason).toMatch(/^Bash: the command is 12 characters long/);
    expect((await verdict('docker ps && docker images', { allow: ['Bash(docker:*)'], bashLimits: { maxCommandChars: 1000, maxSubcommands: 1 } })).reason).toMatch(/^Bash: .*2 subcommands/);
    expect((await verdict('docker --context dev ps', { allow: ['Bash(docker:*)'], dockerContext: 'dev' })).behavior).toBe('allow');
    expect((await verdict('docker --context dev ps', { allow: ['Bash(docker:*)'] })).reason).toMatch(/^host escape: /);
    expect((await verdict('kubectl apply -f k8s/deploy.yaml', { allow: ['Bash(kubectl apply:*)'], firewallLimits: { maxManifestBytes: 10 } })).behavior).toBe('deny');
    expect((await verdict('kubectl apply -f k8s/deploy.yaml', { allow: ['Bash(kubectl apply:*)'] })).behavior).toBe('allow');
  });

  it('the text a here-document feeds `kubectl apply -f -` is checked', async () => {
    const pod = "kubectl apply -f- <<'EOF'\nkind: Pod\nspec:\n  hostPID: true\n  containers: [{name: c, image: a}]\nEOF";
    expect((await verdict(pod, { allow: ['Bash(kubectl apply:*)'] })).reason).toMatch(/^host escape: .*hostPID/);
  });
});

describe('host escapes', () => {
  const privileged = "host escape: --privileged gives the container every capability and every host device. Only a rule that names it allows this, e.g. --allow 'Bash(docker run --privileged alpine)', or --permission-mode bypassPermissions. Nothing was run.";

  it('pass only with a trusted rule that names the flag, or in bypassPermissions', async () => {
    expect(await verdict('docker run --privileged alpine', { allow: ['Bash(docker:*)'] })).toEqual({ behavior: 'deny', reason: privileged });
    expect(await verdict('docker run --privileged alpine', { allow: ['Bash'] })).toEqual({ behavior: 'deny', reason: privileged });
    expect(await verdict('docker run --privileged alpine', { allow: ['Bash(docker run --privileged *)'] })).toEqual({
      behavior: 'allow',
      reason: 'docker run of alpine without host-reaching options',
      rule: 'Bash(docker run --privileged *)',
    });
    expect((await verdict('docker run --privileged alpine', { mode: 'bypassPermissions' })).behavior).toBe('allow');
    // The same rule from the project's settings (untrusted) or the definition does not open it.
    expect(await verdict('docker run --privileged alpine', { cwd: path.join(fx.proj, 'settings-proj'), allow: ['Bash(docker:*)'] })).toMatchObject({ behavior: 'deny', reason: privileged });
  });

  it('a rule names a short flag with its value glued on, or a long one with =', async () => {
    expect((await verdict('docker run -v/:/h alpine', { allow: ['Bash(docker run -v/:/h alpine)'] })).behavior).toBe('allow');
    expect((await verdict('docker run --volume=/:/h alpine', { allow: ['Bash(docker run --volume=/:/h alpine)'] })).behavior).toBe('allow');
    expect((await verdict('docker run -v /:/h alpine', { allow: ['Bash(docker run -e X alpine)'] })).behavior).toBe('deny');
    expect((await verdict('docker run -e X -v /:/h alpine', { allow: ['Bash(docker run -e X -v /:/h alpine)'] })).behavior).toBe('allow');
    // A rule naming one escape does not open another in the same command.
    expect((await verdict('docker run --privileged -v /:/h alpine', { allow: ['Bash(docker run --privileged *)'] })).reason).toMatch(/^host escape: \/ \(\/\) is outside the project/);
  });

  it('connection variables are escapes a rule must name; unknown prefixes are refused', async () => {
    expect(await verdict('DOCKER_HOST=tcp://h:2375 docker ps', { allow: ['Bash(docker:*)'] })).toEqual({
      behavior: 'deny',
      reason: "host escape: DOCKER_HOST=tcp://h:2375 points the command at another daemon, cluster or credential store. Only a rule that names it allows this, e.g. --allow 'Bash(DOCKER_HOST=tcp://h:2375 docker ps)', or --permission-mode bypassPermissions. Nothing was run.",
    });
    expect((await verdict('DOCKER_HOST=tcp://h:2375 docker ps', { allow: ['Bash(DOCKER_HOST=tcp://h:2375 docker ps)'] })).behavior).toBe('allow');
    expect(await verdict('FOO=1 docker ps', { allow: ['Bash'] })).toEqual({
      behavior: 'deny',
      reason: 'the environment prefix FOO= is not allowed (allowed: DOCKER_BUILDKIT, BUILDKIT_PROGRESS, COMPOSE_PROJECT_NAME, COMPOSE_PROFILES, COMPOSE_PARALLEL_LIMIT, COMPOSE_ANSI, ...). Nothing was run.',
    });
    expect(await verdict('DOCKER_BUILDKIT=1 docker ps', { allow: ['Bash(docker ps:*)'] })).toEqual({ behavior: 'allow', reason: 'docker ps only looks', rule: 'Bash(docker ps:*)' });
  });

  it('an ask rule naming the flag does not open the escape', async () => {
    expect((await verdict('docker run --privileged alpine', { ask: ['Bash(docker run --privileged alpine)'] })).reason).toMatch(/^host escape: --privileged/);
  });

  it('a refused command passes only with a trusted rule for the exact command', async () => {
    const refused = "docker frobnicate: not a subcommand this firewall knows (plugins run arbitrary programs). It can be allowed only by a rule for this exact command: --allow 'Bash(docker frobnicate)'. Nothing was run.";
    expect(await verdict('docker frobnicate', { allow: ['Bash(docker:*)'], mode: 'bypassPermissions' })).toEqual({ behavior: 'deny', reason: refused });
    expect(await verdict('docker frobnicate', { allow: ['Bash'] })).toEqual({ behavior: 'deny', reason: refused });
    expect(await verdict('docker frobnicate', { allow: ['Bash(docker frob*)'] })).toEqual({ behavior: 'deny', reason: refused });
    expect(await verdict('docker frobnicate', { allow: ['Bash(docker *)'] })).toEqual({ behavior: 'deny', reason: refused });
    expect((await verdict('docker frobnicate', { allow: ['Bash(docker frobnicate)'] })).behavior).toBe('allow');
    expect((await verdict('docker frobnicate', { cwd: path.join(fx.proj, 'settings-proj'), allow: [] })).behavior).toBe('deny');
  });
});

describe('rm and rmdir targets', () => {
  const critical = (cmd: string) => ({ behavior: 'deny', reason: `'${cmd}' would remove the filesystem root, a top-level folder, $HOME or the project; no rule allows that. Nothing was run.` });

  it.each(['rm -rf /', 'rm -rf /-', 'rm ""', 'rm -rf home-link/../x', 'rm -rf //', 'rm -rf /usr', 'rm -rf /usr/', 'rm -rf ~', 'rm -rf ~/', 'rm -rf "$HOME"', 'rm -rf .', 'rm -rf ./', 'rm -r ..', 'rm -rf "$PWD"', 'rm -f -- /etc', 'rmdir /srv', 'rmdir .', 'rm -rf home-link/', 'rm -rf build/../..'])(
    '%s is never allowed, whatever the rules and the mode',
    async (cmd) => {
      expect(await verdict(cmd, { allow: ['Bash(rm:*)', 'Bash(rmdir:*)'], mode: 'bypassPermissions' })).toEqual(critical(cmd));
    },
  );

  it('other targets follow the rules', async () => {
    expect(await verdict('rm -rf build', { allow: ['Bash(rm:*)'] })).toEqual({ behavior: 'allow', reason: 'rm is not a program the firewall classifies', rule: 'Bash(rm:*)' });
    expect(await verdict('rm -rf /usr/local/x')).toEqual({ behavior: 'ask', reason: "rm is not a program the firewall classifies. To allow it: --allow 'Bash(rm:*)'." });
    expect(await verdict('rm -rf -x build')).toMatchObject({ behavior: 'ask' });
    expect(await verdict('rmdir build')).toEqual({ behavior: 'ask', reason: "rmdir is not a program the firewall classifies. To allow it: --allow 'Bash(rmdir:*)'." });
  });
});

describe('redirections', () => {
  it('into the project: ask in default mode, allowed by an Edit rule or acceptEdits, refused in plan mode', async () => {
    expect(await verdict('docker ps > build/out.txt', { allow: ['Bash(docker:*)'] })).toEqual({
      behavior: 'ask',
      reason: "the command writes build/out.txt. To allow it: --allow 'Edit(build/out.txt)' or --permission-mode acceptEdits.",
    });
    expect(await verdict('docker ps > build/out.txt', { allow: ['Bash(docker:*)', 'Edit(build/**)'] })).toEqual({ behavior: 'allow', reason: 'docker ps only looks', rule: 'Bash(docker:*)' });
    expect(await verdict('docker ps > build/out.txt', { allow: ['Bash(docker:*)'], mode: 'acceptEdits' })).toMatchObject({ behavior: 'allow' });
    expect(await verdict('docker ps 2> build/err.txt', { allow: ['Bash(docker:*)'], mode: 'plan' })).toEqual({ behavior: 'deny', reason: 'plan mode is read-only and the command writes build/err.txt. Nothing was run.' });
    expect(await verdict('docker ps > /dev/null 2>&1', { allow: ['Bash(docker:*)'] })).toMatchObject({ behavior: 'allow' });
  });

  it('of a change or a generic program: the command needs its rule, then the redirection its approval', async () => {
    expect(await verdict('docker stop web > build/out.txt', { allow: ['Bash(docker stop:*)'] })).toEqual({
      behavior: 'ask',
      reason: "the command writes build/out.txt. To allow it: --allow 'Edit(build/out.txt)' or --permission-mode acceptEdits.",
    });
    expect(await verdict('docker stop web > build/out.txt', { allow: ['Bash(docker stop:*)'], mode: 'acceptEdits' })).toMatchObject({ behavior: 'allow', rule: 'Bash(docker stop:*)' });
    expect(await verdict('echo hi > build/out.txt', { allow: ['Bash(echo:*)'] })).toMatchObject({ behavior: 'ask', reason: expect.stringMatching(/^the command writes build\/out\.txt\./) });
    expect(await verdict('echo hi > build/out.txt', { allow: ['Bash(echo:*)'], mode: 'bypassPermissions' })).toMatchObject({ behavior: 'allow', reason: 'echo is not a program the firewall classifies (bypassPermissions)' });
  });

  it.each(['.npmrc', '.bashrc', 'sub/.zshrc', '.vscode/settings.json', '.husky/pre-commit', '.envrc', '.gitconfig'])(
    'into the sensitive %s: asks even in acceptEdits, passes in bypassPermissions',
    async (target) => {
      mkdirSync(path.join(fx.proj, path.dirname(target)), { recursive: true });
      const v = await verdict(`docker ps > ${target}`, { allow: ['Bash(docker:*)'], mode: 'acceptEdits' });
      expect(v.behavior).toBe('ask');
      expect(v.reason).toMatch(new RegExp(`^the redirection writes ${target.replace(/\./g, '\\.')}: .* can run code\\. Approve it interactively or use --permission-mode bypassPermissions\\.$|^the redirection writes ${target.replace(/\./g, '\\.')}: .*holds tool configuration that runs code\\. Approve it interactively`));
      expect((await verdict(`docker ps > ${target}`, { allow: ['Bash(docker:*)'], mode: 'bypassPermissions' })).behavior).toBe('allow');
      expect((await verdict(`echo hi >> ${target}`, { allow: ['Bash(echo:*)'], mode: 'acceptEdits' })).behavior).toBe('ask');
    },
  );

  it('into guarded files, also through a symlinked folder: refused unless a trusted rule names the path', async () => {
    const guarded = (shown: string, edit: string) => ({
      behavior: 'deny',
      reason: `the redirection writes ${shown}: .git/ is protected (it can run code on the host or change this agent's permissions). Only --allow 'Edit(${edit})' allows it. Nothing was run.`,
    });
    expect(await verdict('docker ps > hooks-link/pre-commit', { allow: ['Bash(docker:*)'], mode: 'bypassPermissions' })).toEqual(guarded('hooks-link/pre-commit', 'hooks-link/pre-commit'));
    expect(await verdict('docker ps > .git/hooks/pre-commit', { allow: ['Bash(docker:*)', 'Edit'] })).toEqual(guarded('.git/hooks/pre-commit', '.git/hooks/pre-commit'));
    expect((await verdict('docker ps > .git/hooks/pre-commit', { allow: ['Bash(docker:*)', 'Edit(.git/hooks/pre-commit)'] })).behavior).toBe('allow');
    // A project settings rule is not trusted.
    const proj = path.join(fx.proj, 'settings-proj');
    mkdirSync(path.join(proj, '.git', 'hooks'), { recursive: true });
    expect((await verdict('docker ps > .git/hooks/pre-commit', { cwd: proj, allow: ['Bash(docker:*)'], mode: 'acceptEdits' })).behavior).toBe('deny');
    // Outside the project: only a trusted rule naming the path.
    expect(await verdict('docker ps > /tmp/x', { allow: ['Bash(docker:*)'] })).toEqual({
      behavior: 'deny',
      reason: "the redirection writes /tmp/x (/tmp/x), outside the project. Redirect into the project, or --allow 'Edit(//tmp/x)'. Nothing was run.",
    });
    expect((await verdict('docker ps > /tmp/x', { allow: ['Bash(docker:*)', 'Edit(//tmp/x)'] })).behavior).toBe('allow');
    expect((await verdict('docker ps > /tmp/x', { allow: ['Bash(docker:*)', 'Edit'] })).behavior).toBe('deny');
  });

  it('reads: secrets, also through a symlink, and outside files need a trusted rule naming the path', async () => {
    expect(await verdict('docker ps < env-link', { allow: ['Bash(docker:*)'], mode: 'bypassPermissions' })).toEqual({
      behavior: 'deny',
      reason: "the command reads env-link, a secret file. Only --allow 'Read(env-link)' allows it. Nothing was run.",
    });
    expect((await verdict('docker ps < .env', { allow: ['Bash(docker:*)', 'Read(.env)'] })).behavior).toBe('allow');
    expect((await verdict('docker ps < .env', { allow: ['Bash(docker:*)', 'Read'] })).behavior).toBe('deny');
    // The project's own Read(.env) rule is not trusted.
    expect((await verdict('docker ps < .env', { cwd: path.join(fx.proj, 'settings-proj'), allow: ['Bash(docker:*)'] })).behavior).toBe('deny');
    expect(await verdict('docker ps < /etc/hostname', { allow: ['Bash(docker:*)'] })).toEqual({
      behavior: 'deny',
      reason: "the command reads /etc/hostname (/etc/hostname), outside the project. Only --allow 'Read(//etc/hostname)' allows it. Nothing was run.",
    });
    expect((await verdict('docker ps < /etc/hostname', { allow: ['Bash(docker:*)', 'Read(//etc/hostname)'] })).behavior).toBe('allow');
    expect((await verdict('docker ps < /etc/hostname', { allow: ['Bash(docker:*)', 'Read'] })).behavior).toBe('deny');
    expect((await verdict('docker ps < notes.txt', { allow: ['Bash(docker:*)'] })).behavior).toBe('allow');
  });

  it('a path that cannot be resolved is refused', async () => {
    expect(await verdict('docker ps > hooks-link/../x', { allow: ['Bash(docker:*)'] })).toMatchObject({ behavior: 'deny', reason: expect.stringMatching(/^redirection to hooks-link\/\.\.\/x: 'hooks-link\/\.\.\/x': `\.\.` after a symbolic link/) });
    expect(await verdict('docker ps < home-link/../x', { allow: ['Bash(docker:*)'] })).toMatchObject({ behavior: 'deny', reason: expect.stringMatching(/^input home-link\/\.\.\/x: /) });
  });
});

describe('modes', () => {
  it('plan mode: reads pass, changes of state and generic programs are refused', async () => {
    expect(await verdict('docker ps', { mode: 'plan' })).toEqual({ behavior: 'allow', reason: 'docker ps only looks' });
    expect(await verdict('docker run alpine', { mode: 'plan', allow: ['Bash(docker:*)'] })).toEqual({
      behavior: 'deny',
      reason: "plan mode is read-only and 'docker run alpine' changes state: docker run creates and starts a container (refused by the changes-state verdict; it reaches nothing outside the engine). Leave plan mode to run it. Nothing was run.",
    });
    expect((await verdict('kubectl scale deploy web --replicas=1', { mode: 'plan', allow: ['Bash(kubectl scale:*)'] })).reason).toMatch(/reaches nothing outside the cluster\)/);
    expect(await verdict('echo hi', { mode: 'plan', allow: ['Bash(echo:*)'] })).toEqual({ behavior: 'deny', reason: "plan mode is read-only and 'echo hi' changes things. Leave plan mode to run it. Nothing was run." });
  });

  it('plan mode refuses a change before any ask rule or sensitive-file question: no answer makes a change there', async () => {
    expect(await verdict('docker stop web', { mode: 'plan', ask: ['Bash(docker stop:*)'] })).toMatchObject({ behavior: 'deny', reason: expect.stringMatching(/^plan mode is read-only and 'docker stop web' changes state/) });
    expect(await verdict('echo hi', { mode: 'plan', ask: ['Bash(echo:*)'] })).toEqual({ behavior: 'deny', reason: "plan mode is read-only and 'echo hi' changes things. Leave plan mode to run it. Nothing was run." });
    expect(await verdict('docker ps > .npmrc', { mode: 'plan', allow: ['Bash(docker:*)'] })).toEqual({ behavior: 'deny', reason: 'plan mode is read-only and the command writes .npmrc. Nothing was run.' });
    // A read that an ask rule names still asks.
    expect(await verdict('docker ps', { mode: 'plan', ask: ['Bash(docker ps:*)'] })).toMatchObject({ behavior: 'ask', rule: 'Bash(docker ps:*)' });
  });

  it('bypassPermissions: reads and changes pass without rules', async () => {
    expect(await verdict('docker ps', { mode: 'bypassPermissions' })).toEqual({ behavior: 'allow', reason: 'docker ps only looks' });
    expect(await verdict('docker stop web', { mode: 'bypassPermissions' })).toEqual({ behavior: 'allow', reason: 'docker stop changes containers, images or the engine (bypassPermissions)' });
  });

  it('stdin filters after a pipe are read-only and need no rule of their own', async () => {
    expect(await verdict('docker ps | grep web | wc -l', { allow: ['Bash(docker ps:*)'] })).toEqual({ behavior: 'allow', reason: 'docker ps only looks; grep filters the output; wc filters the output', rule: 'Bash(docker ps:*)' });
    expect(await verdict('docker ps | grep web', { allow: ['Bash(docker ps:*)'], free: false })).toMatchObject({ behavior: 'allow' });
    // Not after a pipe, or with an environment prefix, grep is a program like any other.
    expect(await verdict('grep x notes.txt', { allow: ['Bash(docker ps:*)'] })).toEqual({ behavior: 'ask', reason: "grep is not a program the firewall classifies. To allow it: --allow 'Bash(grep:*)'." });
    expect((await verdict('docker ps | LANG=C grep web', { allow: ['Bash(docker ps:*)'], free: false })).reason).toMatch(/limits Bash to/);
  });

  it('asks of several parts are put together; the first denial wins over any ask', async () => {
    expect(await verdict('docker stop a && docker kill b')).toEqual({
      behavior: 'ask',
      reason: "docker stop changes containers, images or the engine. To allow it: --allow 'Bash(docker stop:*)'. docker kill changes containers, images or the engine. To allow it: --allow 'Bash(docker kill:*)'.",
    });
    expect((await verdict('docker stop a && sh x')).reason).toBe("'sh' runs other programs or changes how they run; it is never run. Call the program directly. Nothing was run.");
  });

  it('the program must be named bare, and the shipped definition limits Bash to its programs', async () => {
    expect(await verdict('/usr/bin/docker ps')).toEqual({ behavior: 'deny', reason: "'/usr/bin/docker' is given by path; only programs found on PATH by their bare name are run. Nothing was run." });
    expect(await verdict('curl x', { free: false, mode: 'bypassPermissions' })).toEqual({
      behavior: 'deny',
      reason: "the docker-expert definition limits Bash to Bash(docker:*), Bash(kubectl:*), Bash(podman:*); 'curl' is not one of them (change the definition's tools to run it). Nothing was run.",
    });
  });
});

describe('survivors of mutation testing (docs/mutation.md)', () => {
  beforeAll(() => {
    // A link whose name looks like an option: after `--` it is an operand like any other.
    symlinkSync(fx.home, path.join(fx.proj, '-h'));
  });

  it('rm and rmdir: words after -- are targets even when they start with a dash', async () => {
    const critical = (cmd: string) => ({ behavior: 'deny', reason: `'${cmd}' would remove the filesystem root, a top-level folder, $HOME or the project; no rule allows that. Nothing was run.` });
    for (const cmd of ['rm -rf -- -h/', 'rm -rf -- -h', 'rmdir -- -h', 'rm -r build -- -h/'])
      expect(await verdict(cmd, { allow: ['Bash(rm:*)', 'Bash(rmdir:*)'], mode: 'bypassPermissions' }), cmd).toEqual(critical(cmd));
    // Before `--`, a word with a dash is an option; a `--` after the first one is an operand.
    expect(await verdict('rm -rf -h build', { allow: ['Bash(rm:*)'] })).toEqual({ behavior: 'allow', reason: 'rm is not a program the firewall classifies', rule: 'Bash(rm:*)' });
    expect(await verdict('rm -- build -- ~', { allow: ['Bash(rm:*)'] })).toEqual(critical('rm -- build -- ~'));
  });

  it('a compose command without a subcommand is named by its program alone', async () => {
    expect(await verdict('docker compose --version')).toEqual({ behavior: 'ask', reason: "compose --version, but no rule allows docker compose. To allow it: --allow 'Bash(docker compose:*)'." });
    expect(await verdict('docker-compose --version')).toEqual({ behavior: 'ask', reason: "compose --version, but no rule allows docker-compose. To allow it: --allow 'Bash(docker-compose:*)'." });
  });
});

describe('the container firewall alone (checkContainerStages, for Claude Code\'s main thread)', () => {
  const mainThread = (command: string) => checkMainThreadBash(command, { cwd: fx.proj, mode: 'default', home: fx.home });

  it('judges nothing when no stage runs a container program, even when the text names one', async () => {
    for (const cmd of ['echo docker', 'cat docker.txt | grep kubectl', 'git commit -m "fix the docker build"']) expect(await mainThread(cmd), cmd).toBeUndefined();
  });

  it('a container program given by path is found by its last path component, and refused', async () => {
    expect(await mainThread('/usr/bin/docker run --privileged alpine')).toEqual({
      behavior: 'deny',
      reason: "'/usr/bin/docker' is given by path; only programs found on PATH by their bare name are run. Nothing was run.",
      wholeCommand: false,
    });
    expect(await mainThread('find . -exec /usr/local/bin/kubectl delete pod x ;')).toEqual({
      behavior: 'deny',
      reason: "'find' would start /usr/local/bin/kubectl; call it directly so the container firewall can check its flags. Nothing was run.",
      wholeCommand: false,
    });
    expect((await mainThread("sh -c '/usr/bin/podman ps'"))?.reason).toBe("'sh' runs other programs or changes how they run; it is never run. Call the program directly. Nothing was run.");
    // A name that merely ends like one is no container program.
    expect(await mainThread('/opt/mydocker ps')).toBeUndefined();
  });

  it('every stage of a pipeline is judged, the one after a pipe too', async () => {
    expect(await mainThread('docker ps | docker run --privileged alpine')).toMatchObject({ behavior: 'deny', reason: expect.stringMatching(/^host escape: --privileged/) });
    expect(await mainThread('docker ps | grep web')).toEqual({ behavior: 'allow', reason: 'docker ps only looks', rule: 'Bash(docker:*)', wholeCommand: false });
  });
});
