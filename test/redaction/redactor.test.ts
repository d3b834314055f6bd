/** The redactor's pieces: settings patterns, the file tools' placeholder refusal, idempotence, MCP and A2A redaction points. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactCallResult } from '../../agent/mcp/server/redact.js';
import { PermissionConfigError } from '../../permissions/settings.js';
import { createRedactor, NO_REDACTION } from '../../agent/redaction/index.js';
import { loadRedactionPatterns, MAX_PATTERN_CHARS } from '../../agent/redaction/settings.js';
import { fsTools } from '../../tools/fs/index.js';
import { dataPart, textPart } from '../../service/messages.js';
import { makeSandbox, type Sandbox } from '../tools-fs/helpers.js';
import { SECRETS } from './corpus.js';

const tool = (name: string) => fsTools({}).find((t) => t.name === name)!;

function settings(json: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-redact-settings-'));
  const file = path.join(dir, 'settings.json');
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

describe('redactor', () => {
  it('is idempotent: a redacted text redacts to itself (placeholders are not secrets)', () => {
    const r = createRedactor();
    for (const s of SECRETS) {
      const once = r.redact(s.text).text;
      expect(r.redact(once)).toEqual({ text: once, counts: {}, total: 0 });
    }
  });

  it('NO_REDACTION leaves everything', () => {
    expect(NO_REDACTION.redact(SECRETS[0].text).text).toBe(SECRETS[0].text);
  });
});

describe('settings patterns', () => {
  it('adds a kind of one\'s own; a named value group redacts only the value', () => {
    const file = settings({ permissions: { allow: [] }, redaction: { patterns: [{ kind: 'acme-token', pattern: 'acme_[a-z0-9]{12}' }, { kind: 'pin', pattern: 'PIN (?<value>\\d{4,})', flags: 'i' }] } });
    const r = createRedactor(loadRedactionPatterns([file, '/nonexistent/settings.json']));
    expect(r.redact('key acme_abcdef123456 and pin 99231').text).toBe('key [REDACTED:acme-token] and pin [REDACTED:pin]');
  });

  it.each([
    [{ redaction: { patterns: [{ kind: 'x', pattern: '(' }] } }, 'redaction.patterns[0].pattern: not a valid regular expression'],
    [{ redaction: { patterns: [{ kind: 'ok', pattern: 'a' }, { kind: 'x', pattern: 'a*' }] } }, 'redaction.patterns[1].pattern: matches the empty string'],
    [{ redaction: { patterns: [{ kind: 'Bad Kind', pattern: 'a' }] } }, 'redaction.patterns.0.kind: a kind is 1-40 lowercase letters'],
    [{ redaction: { patterns: [{ kind: 'x', pattern: 'a'.repeat(MAX_PATTERN_CHARS + 1) }] } }, 'redaction.patterns.0.pattern'],
    [{ redaction: { patterns: [{ kind: 'x', pattern: 'a', flags: 'g' }] } }, 'redaction.patterns.0.flags: flags may be i, m, s and u'],
    [{ redaction: { pattern: [] } }, 'redaction: Unrecognized key'],
  ])('refuses %j with an error naming the file and field', (json, message) => {
    const file = settings(json);
    let error: unknown;
    try {
      loadRedactionPatterns([file]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PermissionConfigError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(message);
  });

  it('names the line of a JSON syntax error', () => {
    const file = settings('{\n  "redaction": {\n    "patterns": [,]\n  }\n}');
    expect(() => loadRedactionPatterns([file])).toThrow(`${file}:3:`);
  });
});

describe('the file tools never write a placeholder over a real value', () => {
  let box: Sandbox;
  afterEach(async () => box?.cleanup());

  it('Write refuses new placeholders; the file keeps its real value', async () => {
    box = await makeSandbox();
    const file = await box.write('.env.example', 'DB_PASSWORD=hunter2-real\n');
    await box.run(tool('Read'), { file_path: file });
    const res = await box.run(tool('Write'), { file_path: file, content: 'DB_PASSWORD=[REDACTED:password]\nDB_HOST=db\n' });
    expect(res.isError).toBe(true);
    expect(res.content).toContain(`Refusing to write ${file}: the new text has 1 more [REDACTED:…] placeholder(s) than the file`);
    expect(readFileSync(file, 'utf8')).toBe('DB_PASSWORD=hunter2-real\n');
    const created = await box.run(tool('Write'), { file_path: box.path('new.env'), content: 'TOKEN=[REDACTED:token]\n' });
    expect(created.isError).toBe(true);
  });

  it('Write keeps placeholders the file already has (a doc about redaction)', async () => {
    box = await makeSandbox();
    const file = await box.write('doc.md', 'Secrets show as [REDACTED:jwt].\n');
    await box.run(tool('Read'), { file_path: file });
    const res = await box.run(tool('Write'), { file_path: file, content: 'Secrets show as [REDACTED:jwt], masked.\n' });
    expect(res.isError).toBeUndefined();
  });

  it('Edit and MultiEdit refuse a placeholder in new_string; an old_string with one explains why it is not found', async () => {
    box = await makeSandbox();
    const file = await box.write('app.env', 'API_TOKEN=tok-123456789\nLOG=info\n');
    await box.run(tool('Read'), { file_path: file });
    const edit = await box.run(tool('Edit'), { file_path: file, old_string: 'LOG=info', new_string: 'LOG=debug\nOTHER=[REDACTED:token]' });
    expect(edit.isError).toBe(true);
    expect(edit.content).toContain('placeholder');
    const multi = await box.run(tool('MultiEdit'), { file_path: file, edits: [{ old_string: 'LOG=info', new_string: 'LOG=debug' }, { old_string: 'API_TOKEN=tok-123456789', new_string: 'API_TOKEN=[REDACTED:token]' }] });
    expect(multi.isError).toBe(true);
    expect(multi.content).toContain('Nothing was written');
    const missing = await box.run(tool('Edit'), { file_path: file, old_string: 'API_TOKEN=[REDACTED:token]\nLOG=info', new_string: 'API_TOKEN=[REDACTED:token]\nLOG=debug' });
    expect(missing.content).toContain('the file holds the real value, which was hidden from you');
    expect(readFileSync(file, 'utf8')).toBe('API_TOKEN=tok-123456789\nLOG=info\n');
    const fine = await box.run(tool('Edit'), { file_path: file, old_string: 'LOG=info', new_string: 'LOG=debug' });
    expect(fine.isError).toBeUndefined();
  });
});

describe('the other redaction points', () => {
  const secret = SECRETS.find((s) => s.kind === 'github-token')!;

  it('MCP tool answers: text and structured content', () => {
    const out = redactCallResult({ content: [{ type: 'text', text: secret.text }], structuredContent: { nested: [{ line: secret.text }] } }, createRedactor());
    expect(JSON.stringify(out)).not.toContain(secret.secrets[0]);
    expect(JSON.stringify(out)).toContain('[REDACTED:github-token]');
  });

  it('A2A text and data parts', () => {
    const parts = [textPart(secret.text, 'text/x-diff', 'changes.diff'), dataPart({ handoff: { summary: secret.text } })];
    expect(JSON.stringify(parts)).not.toContain(secret.secrets[0]);
    expect(JSON.stringify(parts).split('[REDACTED:github-token]')).toHaveLength(3);
  });
});
