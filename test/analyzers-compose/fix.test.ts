import { describe, expect, it } from 'vitest';
import { fixCompose } from '../../tools/analyzers/compose/fix.js';
import { analyzeCompose } from '../../tools/analyzers/compose/index.js';

describe('fixCompose', () => {
  it('removes a top-level version line and keeps everything else byte for byte', () => {
    const text = '# my stack\nversion: "3.8"  # old\nservices:\n  web:\n    image: nginx:1.27 # pinned\n';
    const r = fixCompose(text);
    expect(r.text).toBe('# my stack\nservices:\n  web:\n    image: nginx:1.27 # pinned\n');
    expect(r.changes).toEqual([{ rule: 'COMPOSE-VERSION-OBSOLETE', line: 2, description: expect.stringContaining('version') }]);
    expect(analyzeCompose(r.text, { file: 'c.yaml' }).map((f) => f.rule)).not.toContain('COMPOSE-VERSION-OBSOLETE');
  });

  it('works on the last line without a newline, and with CRLF', () => {
    expect(fixCompose('services: {}\nversion: "3"').text).toBe('services: {}\n');
    expect(fixCompose('version: "3"\r\nservices: {}\r\n').text).toBe('services: {}\r\n');
  });

  it.each([
    ['no version', 'services: {}\n'],
    ['a version inside a service is not the top-level one', 'services:\n  a:\n    version: 2\n'],
    ['a flow mapping shares the line', '{version: "3", services: {}}\n'],
    ['broken YAML', 'version: "3"\nservices: [\n'],
    ['a block value is left alone', 'version: |\n  3\nservices: {}\n'],
  ])('leaves it unchanged: %s', (_n, text) => {
    expect(fixCompose(text)).toEqual({ text, changes: [] });
  });
});
