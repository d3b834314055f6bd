import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHookInput, PostToolUseInput } from '../../cli/claude-hook/input.js';
import { decidePostToolUse, MAX_CONTEXT_CHARS, postToolUseOutput } from '../../cli/claude-hook/post-tool-use.js';

let proj: string;
beforeAll(() => {
  proj = realpathSync(mkdtempSync(path.join(tmpdir(), 'de-cchook-post-')));
  const files: Record<string, string> = {
    Dockerfile: 'FROM node:latest\nADD . /app\nRUN cd /app && npm install\nCMD node server.js\n',
    'clean/Dockerfile': 'FROM alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000\nUSER 1000\nCMD ["true"]\n',
    'compose.yaml': 'services:\n  web:\n    image: nginx\n    privileged: true\n',
    'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: nginx}]\n',
    '.github/workflows/ci.yaml': 'on: push\njobs: {}\n',
    'README.md': '# x\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(proj, rel)), { recursive: true });
    writeFileSync(path.join(proj, rel), text);
  }
});
afterAll(() => rmSync(proj, { recursive: true, force: true }));

/** A PostToolUse input as Claude Code sends it after a Write. */
const post = (tool_name: string, file: string) =>
  parseHookInput(PostToolUseInput, JSON.stringify({
    session_id: 's', cwd: proj, permission_mode: 'default', hook_event_name: 'PostToolUse', agent_type: 'docker-expert', tool_name,
    tool_input: { file_path: path.join(proj, file), content: 'x' }, tool_response: { type: 'create', filePath: path.join(proj, file) }, tool_use_id: 'toolu_1',
  }));

describe('PostToolUse: check the written file, findings as additionalContext', () => {
  it('a written Dockerfile: its findings, by rule id and line', async () => {
    const context = await decidePostToolUse(post('Write', 'Dockerfile'), { shellcheck: false });
    expect(context).toMatch(/^docker-expert check found \d+ problems in Dockerfile \(dockerfile\)/);
    expect(context).toMatch(/DL3007/); // FROM node:latest
    expect(context).toMatch(/DL3020/); // ADD for a folder
    const out = JSON.parse(postToolUseOutput(context) as string);
    expect(out).toEqual({ hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: context } });
  });

  it('Edit and MultiEdit of Compose and Kubernetes files are checked too', async () => {
    expect(await decidePostToolUse(post('Edit', 'compose.yaml'), { shellcheck: false })).toMatch(/privileged/i);
    expect(await decidePostToolUse(post('MultiEdit', 'k8s/pod.yaml'), { shellcheck: false })).toMatch(/\(kubernetes\)/);
  });

  it('nothing for other files, other tools, a clean file or a file that is not there', async () => {
    expect(await decidePostToolUse(post('Write', 'README.md'))).toBeUndefined();
    expect(await decidePostToolUse(post('Write', '.github/workflows/ci.yaml'))).toBeUndefined();
    expect(await decidePostToolUse(post('Read', 'Dockerfile'))).toBeUndefined();
    expect(await decidePostToolUse(post('Write', 'missing/Dockerfile'))).toBeUndefined();
    expect(postToolUseOutput(undefined)).toBeUndefined();
  });

  it(`cuts the context at ${MAX_CONTEXT_CHARS} characters and says how to see all`, async () => {
    const many = ['FROM node:latest', ...Array.from({ length: 400 }, (_, i) => `RUN apt-get install curl${i}`)].join('\n') + '\n';
    writeFileSync(path.join(proj, 'Dockerfile.big'), many);
    const context = (await decidePostToolUse(post('Write', 'Dockerfile.big'), { shellcheck: false })) as string;
    expect(context.length).toBeLessThan(MAX_CONTEXT_CHARS + 400);
    expect(context).toMatch(/\(cut; run `docker-expert check Dockerfile\.big` for all of it\)$/);
  });
});
