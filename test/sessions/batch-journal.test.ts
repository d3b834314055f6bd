/** A batch task is a session like any run: journaled under its cwd and listed by `sessions`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { BIN, project } from './helpers.js';

it('journals each batch task as a session of its own', async () => {
  const dir = project();
  const tasks = path.join(dir, 'tasks.jsonl');
  writeFileSync(tasks, `${JSON.stringify({ id: 'one', task: 'review the Dockerfile', cwd: '.' })}\n`);
  const env = { ...process.env, ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '' };
  const batch = await execa(process.execPath, [BIN, 'batch', tasks], { env, reject: false });
  expect(batch.exitCode, batch.stderr).toBe(0);
  const result = JSON.parse(batch.stdout);
  const listed = await execa(process.execPath, [BIN, 'sessions', '--cwd', dir, '--json'], { env, reject: false });
  expect(JSON.parse(listed.stdout)).toMatchObject([{ id: result.session_id, task: 'review the Dockerfile', status: 'success', model: 'offline' }]);
}, 60_000);
