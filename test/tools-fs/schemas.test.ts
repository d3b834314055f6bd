import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { fsTools } from '../../tools/fs/index.js';

/** What the model is shown must keep Claude Code's tool names, parameter names and required fields. */
const expected: Record<string, { required: string[]; properties: string[]; readOnly: boolean }> = {
  Read: { required: ['file_path'], properties: ['file_path', 'offset', 'limit'], readOnly: true },
  Write: { required: ['file_path', 'content'], properties: ['file_path', 'content'], readOnly: false },
  Edit: { required: ['file_path', 'old_string', 'new_string'], properties: ['file_path', 'old_string', 'new_string', 'replace_all'], readOnly: false },
  MultiEdit: { required: ['file_path', 'edits'], properties: ['file_path', 'edits'], readOnly: false },
  Grep: {
    required: ['pattern'],
    properties: ['pattern', 'path', 'glob', 'type', 'output_mode', '-B', '-A', '-C', 'context', '-n', '-i', '-o', 'head_limit', 'offset', 'multiline'],
    readOnly: true,
  },
  Glob: { required: ['pattern'], properties: ['pattern', 'path'], readOnly: true },
};

describe('file tool schemas as the model sees them', () => {
  test('the six tools, in order', () => {
    expect(fsTools().map((t) => t.name)).toEqual(Object.keys(expected));
  });

  test.each(fsTools().map((tool) => ({ name: tool.name, tool })))('$name', ({ name, tool }) => {
    const schema = z.toJSONSchema(tool.inputSchema, { io: 'input' }) as { required?: string[]; properties: Record<string, { description?: string }>; additionalProperties?: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect([...(schema.required ?? [])].sort()).toEqual([...expected[name].required].sort());
    expect(Object.keys(schema.properties)).toEqual(expected[name].properties);
    for (const [key, property] of Object.entries(schema.properties)) expect(property.description, `${name}.${key}`).toBeTruthy();
    expect(tool.description.length).toBeGreaterThan(200);
    expect(tool.isReadOnly({} as never)).toBe(expected[name].readOnly);
    expect(tool.isConcurrencySafe({} as never)).toBe(expected[name].readOnly);
  });
});
