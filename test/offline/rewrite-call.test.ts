import { describe, expect, it } from 'vitest';
import { rewriteCall } from '../../agent/models/offline/rewrite-call.js';
import { applyEdit } from '../../tools/fs/edit-apply.js';

const real = 'FROM node:20\nENV API_TOKEN=ghp_realvalue\n\nADD . /app\nRUN npm ci\nENV KEY value\n';
const seen = 'FROM node:20\nENV API_TOKEN=[REDACTED:github-token]\n\nADD . /app\nRUN npm ci\nENV KEY value\n';

function applyAll(text: string, edits: { old_string: string; new_string: string }[]): string {
  return edits.reduce((t, e) => {
    const r = applyEdit(t, e);
    if (!r.ok) throw new Error(r.error);
    return r.text;
  }, text);
}

describe('the offline expert rewrites a file it read', () => {
  it('with Write when nothing in it was hidden', () => {
    expect(rewriteCall('/p/Dockerfile', 'FROM a\n', 'FROM b\n')).toEqual({ name: 'Write', input: { file_path: '/p/Dockerfile', content: 'FROM b\n' } });
  });

  it('with a MultiEdit of the changed lines when it holds placeholders, and the real value stays', () => {
    const next = seen.replace('ADD . /app', 'COPY . /app').replace('ENV KEY value', 'ENV KEY=value');
    const call = rewriteCall('/p/Dockerfile', seen, next);
    expect(call.name).toBe('MultiEdit');
    const edits = call.input.edits as { old_string: string; new_string: string }[];
    expect(edits.every((e) => !e.old_string.includes('[REDACTED:') && !e.new_string.includes('[REDACTED:'))).toBe(true);
    expect(applyAll(real, edits)).toBe(real.replace('ADD . /app', 'COPY . /app').replace('ENV KEY value', 'ENV KEY=value'));
  });

  it('leaves out a change to a line with a placeholder, and anchors on the line after when the one before is hidden', () => {
    const next = seen.replace('ENV API_TOKEN=[REDACTED:github-token]', 'ENV API_TOKEN [REDACTED:github-token]').replace('RUN npm ci', 'RUN npm ci --omit=dev');
    const edits = rewriteCall('/p/Dockerfile', seen, next).input.edits as { old_string: string; new_string: string }[];
    expect(applyAll(real, edits)).toBe(real.replace('RUN npm ci', 'RUN npm ci --omit=dev'));
    const real2 = 'FROM node:20\nENV API_TOKEN=ghp_realvalue\nADD . /app\n';
    const seen2 = 'FROM node:20\nENV API_TOKEN=[REDACTED:github-token]\nADD . /app\n';
    const e2 = rewriteCall('/p/Dockerfile', seen2, seen2.replace('\nADD', '\nLABEL x=y\nADD')).input.edits as { old_string: string; new_string: string }[];
    expect(e2).toEqual([{ old_string: 'ADD . /app\n', new_string: 'LABEL x=y\nADD . /app\n' }]);
    expect(applyAll(real2, e2)).toBe('FROM node:20\nENV API_TOKEN=ghp_realvalue\nLABEL x=y\nADD . /app\n');
  });

  it('only hidden lines changed: a Write, which the tool refuses with its reason', () => {
    const next = seen.replace('ENV API_TOKEN=[REDACTED:github-token]', 'ENV API_TOKEN [REDACTED:github-token]');
    expect(rewriteCall('/p/Dockerfile', seen, next).name).toBe('Write');
  });
});
