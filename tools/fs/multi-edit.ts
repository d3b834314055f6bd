import * as z from 'zod';
import type { Tool } from '../tool.js';
import { DEFAULT_EDIT_LIMITS, callEditTool, type EditLimits } from './edit-file.js';

const editSchema = z.strictObject({
  old_string: z.string().describe('The text to replace'),
  new_string: z.string().describe('The text to replace it with'),
  replace_all: z.boolean().optional().default(false).describe('Replace all occurrences of old_string (default false).'),
});

const inputSchema = z.strictObject({
  file_path: z.string().describe('The absolute path to the file to modify (a relative path is taken from the project root)'),
  edits: z.array(editSchema).min(1).describe('Array of edit operations to perform sequentially on the file'),
});
export type MultiEditInput = z.input<typeof inputSchema>;

const DESCRIPTION = [
  'Makes several exact string replacements in one file in a single, all-or-nothing operation. Prefer it to several Edit calls on the same file.',
  '',
  'Usage:',
  '- Same rules as Edit for every entry: read the file first; old_string must match exactly and be unique unless replace_all; new_string must differ.',
  '- Edits apply in order, each to the result of the previous one: make sure an earlier edit does not change the text a later one looks for.',
  '- Atomic: if any edit fails, none is applied and the file is unchanged.',
  '- To create a new file, give an empty old_string in the first edit and the whole content as its new_string.',
  '- Line endings and encoding are kept; a symbolic link is never written through.',
].join('\n');

export function createMultiEditTool(limits: Partial<EditLimits> = {}): Tool<MultiEditInput> {
  const resolved = { ...DEFAULT_EDIT_LIMITS, ...limits };
  return {
    name: 'MultiEdit',
    description: DESCRIPTION,
    inputSchema: inputSchema as z.ZodType<MultiEditInput>,
    isReadOnly: () => false,
    isConcurrencySafe: () => false,
    call: (input, ctx) => callEditTool(ctx, input.file_path, input.edits, resolved),
  };
}
