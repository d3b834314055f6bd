import * as z from 'zod';
import type { Tool } from '../tool.js';
import { DEFAULT_EDIT_LIMITS, callEditTool, type EditLimits } from './edit-file.js';

const inputSchema = z.strictObject({
  file_path: z.string().describe('The absolute path to the file to modify (a relative path is taken from the project root)'),
  old_string: z.string().describe('The text to replace'),
  new_string: z.string().describe('The text to replace it with (must be different from old_string)'),
  replace_all: z.boolean().optional().default(false).describe('Replace all occurrences of old_string (default false)'),
});
export type EditInput = z.input<typeof inputSchema>;

const DESCRIPTION = [
  'Performs an exact string replacement in a file.',
  '',
  'Usage:',
  '- Read the file first in this session: the edit is refused otherwise, and also when the file changed on disk since you read it.',
  '- old_string must match the file exactly, including indentation. Take it from what Read showed after the line-number prefix (spaces, the number, a tab); never include the prefix itself.',
  '- The edit FAILS if old_string is not unique in the file. Give more surrounding lines to make it unique, or set replace_all to replace every occurrence (useful to rename something).',
  '- new_string must differ from old_string. It is inserted literally (no regex, no $ patterns).',
  '- Line endings and encoding are kept: a CRLF file stays CRLF, a BOM stays.',
  '- A symbolic link is never written through.',
].join('\n');

export function createEditTool(limits: Partial<EditLimits> = {}): Tool<EditInput> {
  const resolved = { ...DEFAULT_EDIT_LIMITS, ...limits };
  return {
    name: 'Edit',
    description: DESCRIPTION,
    inputSchema: inputSchema as z.ZodType<EditInput>,
    isReadOnly: () => false,
    isConcurrencySafe: () => false,
    call: (input, ctx) => callEditTool(ctx, input.file_path, [input], resolved),
  };
}
