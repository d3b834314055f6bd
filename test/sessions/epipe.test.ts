/** A reader that closes the pipe early (`docker-expert sessions --json | head -c 10`) ends the CLI quietly. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { BIN } from './helpers.js';

it('exits 0 without a stack trace when stdout is closed early (EPIPE)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-epipe-'));
  // Enough sessions that the JSON listing is far larger than a pipe's buffer, so the write outlives the reader.
  for (let i = 0; i < 400; i++) {
    const d = path.join(dir, '.docker-expert', 'sessions', `s${i}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'journal.jsonl'), '');
    writeFileSync(path.join(d, 'meta.json'), JSON.stringify({ id: `s${i}`, agent: 'docker-expert', task: 'x'.repeat(300), last_task: '', cwd: dir, model: 'm', status: 'success', cost_usd: 0, created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' }));
  }
  const r = await execa('bash', ['-c', `"${process.execPath}" "${BIN}" sessions --cwd "${dir}" --json | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { reject: false });
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('rc=0');
});
