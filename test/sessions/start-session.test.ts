/** startSession refuses what would corrupt a session: a second process on a running one, a new run over an existing id. */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SessionError } from '../../agent/session/records.js';
import { startSession } from '../../agent/session/start-session.js';
import { project } from './helpers.js';

it('refuses to resume a session another live process is running, and to start a new one over an existing id', async () => {
  const dir = project();
  const sessions = path.join(dir, 'sessions');
  mkdirSync(path.join(sessions, 'busy'), { recursive: true });
  writeFileSync(path.join(sessions, 'busy', 'journal.jsonl'), '{"type":"task","text":"t","ts":"x"}\n');
  const other = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    writeFileSync(path.join(sessions, 'busy', 'meta.json'), JSON.stringify({ id: 'busy', status: 'running', pid: other.pid, updated: 'x' }));
    const resume = startSession({ agent: 'docker-expert', task: '', cwd: dir, sessionsDir: sessions, resume: 'busy', env: {} });
    await expect(resume).rejects.toThrow(new SessionError(`session busy is being run by process ${other.pid}; resume it once that process has ended`));
    const fresh = startSession({ agent: 'docker-expert', task: 'x', cwd: dir, sessionsDir: sessions, sessionId: 'busy', env: {} });
    await expect(fresh).rejects.toThrow(/session busy already exists .*--resume busy/);
    await expect(startSession({ agent: 'docker-expert', task: '', cwd: dir, sessionsDir: sessions, resume: 'nothing-here', env: {} })).rejects.toThrow(/no such session journal/);
  } finally {
    other.kill();
  }
});
