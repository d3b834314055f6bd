import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { UsageError } from '../../cli/io.js';
import { readSecretFiles } from '../../cli/secret-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'de-secret-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return name;
};

describe('NAME_FILE secrets', () => {
  test('the file content (one trailing newline dropped) becomes the variable; NAME_FILE is removed', () => {
    const env = readSecretFiles({ DOCKER_EXPERT_DATABASE_URL_FILE: file('url', 'postgres://u:p@db/x\n'), OTHER: '1' }, dir);
    expect(env).toEqual({ DOCKER_EXPERT_DATABASE_URL: 'postgres://u:p@db/x', OTHER: '1' });
  });

  test('variables without a _FILE are left alone, and the input env is not changed', () => {
    const input = { ANTHROPIC_API_KEY: 'sk-x' };
    expect(readSecretFiles(input, dir)).toEqual({ ANTHROPIC_API_KEY: 'sk-x' });
    const withFile = { ANTHROPIC_API_KEY_FILE: file('k', 'sk-y') };
    readSecretFiles(withFile, dir);
    expect(withFile).toEqual({ ANTHROPIC_API_KEY_FILE: 'k' });
  });

  test('a missing, empty or multi-line file, or both forms at once, is an error naming the variable and the file', () => {
    expect(() => readSecretFiles({ ANTHROPIC_API_KEY_FILE: 'nope' }, dir)).toThrow(new UsageError('ANTHROPIC_API_KEY_FILE=nope: cannot read it (ENOENT)'));
    expect(() => readSecretFiles({ ANTHROPIC_API_KEY_FILE: file('empty', '\n') }, dir)).toThrow('ANTHROPIC_API_KEY_FILE=empty: expected one line with the value, found nothing');
    expect(() => readSecretFiles({ ANTHROPIC_API_KEY_FILE: file('two', 'a\nb\n') }, dir)).toThrow('found several lines');
    expect(() => readSecretFiles({ ANTHROPIC_API_KEY: 'x', ANTHROPIC_API_KEY_FILE: 'k' }, dir)).toThrow('both ANTHROPIC_API_KEY and ANTHROPIC_API_KEY_FILE are set: use one');
  });
});
