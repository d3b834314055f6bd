/**
 * What a hook says reaches the model, the events and the journal only after the run's redactor: a hook that prints an
 * env file or `docker inspect` must not carry a secret past the redaction every tool result gets. With --no-redact
 * (redact: false) the same secrets do go through, so these checks can fail.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endTurn, toolTurn, toolUse } from '../support/scripted-server.js';
import { closeServers, fixture, runHooked, textsOf } from './helpers.js';

afterEach(closeServers);

// Real-looking tokens from the redaction corpus (test/redaction/corpus/secrets.yaml).
const BLOCK_SECRET = 'ghp_Yzl1Q5OIYHdFUoMuZWDV6kCJ3BLTzapEFWIn';
const CONTEXT_SECRET = 'gho_BKTk2dbRcd8ayh2PerNBeKCm5mToq4nhmdbO';
const SESSION_SECRET = 'ghs_fbxie1jEamXs9Kbq4NGlJ6a5UeuWh55P3qsI';

/** The hooks read the secrets from files in the fixture's home (as a hook reads an env file): none is in a command line. */
function hookedFixture() {
  const f = fixture({
    user: {
      PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo "refused: the runner has $(cat "$HOME/block.txt")" >&2; exit 2' }] }],
      PostToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: `printf '{"hookSpecificOutput":{"hookEventName":"PostToolUse","additionalContext":"audit: %s"}}' "$(cat "$HOME/context.txt")"` }] }],
      SessionStart: [{ hooks: [{ type: 'command', command: 'echo "deploy token: $(cat "$HOME/session.txt")"' }] }],
    },
  });
  writeFileSync(path.join(f.home, 'block.txt'), `GITHUB_TOKEN=${BLOCK_SECRET}`);
  writeFileSync(path.join(f.home, 'context.txt'), `GITHUB_TOKEN=${CONTEXT_SECRET}`);
  writeFileSync(path.join(f.home, 'session.txt'), SESSION_SECRET);
  return f;
}

const script = (cwd: string) => [
  toolTurn([toolUse('Bash', { command: 'docker ps' }, 'c_bash'), toolUse('Read', { file_path: path.join(cwd, 'Dockerfile') }, 'c_read')]),
  endTurn('done'),
];

describe("hooks' output is redacted", () => {
  it('a PreToolUse block reason, PostToolUse context and SessionStart context reach the model, events and journal redacted', async () => {
    const f = hookedFixture();
    const { result, events, notices, server, sessionDir } = await runHooked(f, script(f.cwd), { session: true });
    expect(result.subtype).toBe('success');
    const sent = server.messageRequests.map((r) => JSON.stringify(r.body)).join('\n');
    const journal = readFileSync(path.join(sessionDir!, 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"type":"hook"');
    const emitted = JSON.stringify(events) + JSON.stringify(notices) + JSON.stringify(result);
    for (const secret of [BLOCK_SECRET, CONTEXT_SECRET, SESSION_SECRET]) {
      expect(sent).not.toContain(secret);
      expect(journal).not.toContain(secret);
      expect(emitted).not.toContain(secret);
    }
    // What the hooks said still arrives, with the placeholder where the secret was.
    expect(textsOf(server, 0)).toContain('deploy token: [REDACTED:github-token]');
    const texts = textsOf(server, 1);
    expect(texts).toContain('refused: the runner has GITHUB_TOKEN=[REDACTED:');
    expect(texts).toContain('audit: GITHUB_TOKEN=[REDACTED:');
    expect(events.filter((e) => e.type === 'notice').map((e) => (e as { message: string }).message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^redacted 1 secret \(1 github-token\) from the output of a SessionStart hook/),
        expect.stringMatching(/^redacted 1 secret .* from the output of a PreToolUse hook/),
        expect.stringMatching(/^redacted 1 secret .* from the output of a PostToolUse hook/),
      ]),
    );
  });

  it('with redaction off the same secrets go through (the checks above can fail)', async () => {
    const f = hookedFixture();
    const { server: off } = await runHooked(f, script(f.cwd), { redact: false });
    const sent = off.messageRequests.map((r) => JSON.stringify(r.body)).join('\n');
    for (const secret of [BLOCK_SECRET, CONTEXT_SECRET, SESSION_SECRET]) expect(sent).toContain(secret);
  });
});
