import { readFile } from 'node:fs/promises';
import type { ToolContext, ToolResult } from '../tool.js';
import { applyEdit, type EditSpec } from './edit-apply.js';
import { EDIT_MAX_FILE_BYTES, EDIT_SNIPPET_CONTEXT_LINES } from './limits.js';
import { numberLine } from './line-numbers.js';
import { recordRead, staleReason } from './read-state.js';
import { displayPath, resolveToolPath } from './resolve-path.js';
import { errorResult, fsErrorMessage } from './results.js';
import { lstatIfExists, writeFileNoFollow } from './safe-write.js';
import { decodeText, encodeText, type TextFormat } from './text-codec.js';
import { placeholderNotFoundHint, placeholderWriteError } from '../../agent/redaction/placeholder.js';

export interface EditLimits {
  maxFileBytes: number;
  snippetContextLines: number;
}

export const DEFAULT_EDIT_LIMITS: EditLimits = { maxFileBytes: EDIT_MAX_FILE_BYTES, snippetContextLines: EDIT_SNIPPET_CONTEXT_LINES };

const NEW_FILE_FORMAT: TextFormat = { encoding: 'utf8', bom: false, lineEnding: 'lf' };

/** Edit's and MultiEdit's call: resolves the path, and turns any failure into an error result. */
export async function callEditTool(ctx: ToolContext, filePath: string, edits: EditSpec[], limits: EditLimits): Promise<ToolResult> {
  try {
    return await editFile(ctx, resolveToolPath(ctx, filePath), edits, limits);
  } catch (error) {
    return errorResult(fsErrorMessage(error, filePath));
  }
}

/**
 * Applies `edits` in order to one file, all or nothing: every edit is checked against the text the
 * previous ones produced, and the file is written once, only when all of them succeeded.
 * A missing file can be created when the first edit has an empty old_string.
 */
export async function editFile(ctx: ToolContext, absPath: string, edits: EditSpec[], limits: EditLimits): Promise<ToolResult> {
  const label = (index: number): string => (edits.length > 1 ? `Edit ${index + 1} of ${edits.length}: ` : '');
  const existing = await lstatIfExists(absPath);
  let text: string;
  let format: TextFormat;
  let start = 0;
  if (!existing) {
    if (edits[0].old_string !== '') return errorResult(`File does not exist: ${absPath}. To create it, use Write (or an empty old_string).`);
    text = edits[0].new_string;
    format = NEW_FILE_FORMAT;
    start = 1;
  } else {
    if (existing.isSymbolicLink()) return errorResult(`Refusing to edit ${absPath}: it is a symbolic link (links are never followed when writing).`);
    if (!existing.isFile()) return errorResult(`${absPath} is not a regular file.`);
    const stale = staleReason(ctx, absPath, existing);
    if (stale) return errorResult(stale);
    if (existing.size > limits.maxFileBytes) return errorResult(`${absPath} is ${existing.size} bytes, over the ${limits.maxFileBytes}-byte limit for editing.`);
    ({ text, format } = decodeText(await readFile(absPath)));
  }
  const before = existing ? text : undefined;
  let firstChange = text.length;
  for (let index = start; index < edits.length; index += 1) {
    const outcome = applyEdit(text, normalizeEdit(edits[index], format));
    if (!outcome.ok) {
      const hint = outcome.error.startsWith('String to replace not found') ? placeholderNotFoundHint(edits[index].old_string) : '';
      return errorResult(`${label(index)}${outcome.error}${hint}${edits.length > 1 ? '\nNo edit was applied; the file is unchanged.' : ''}`);
    }
    text = outcome.text;
    firstChange = Math.min(firstChange, outcome.firstChange);
  }
  const placeholderError = placeholderWriteError(before, text, absPath);
  if (placeholderError) return errorResult(placeholderError);
  const { stat } = await writeFileNoFollow(absPath, encodeText(text, format));
  recordRead(ctx, absPath, stat);
  const shown = displayPath(ctx, absPath);
  const headline = existing ? `The file ${shown} has been updated.` : `File created successfully at: ${shown}`;
  return { content: `${headline} Here is a snippet of the edited file (cat -n):\n${snippet(text, firstChange, limits.snippetContextLines)}`, changedFiles: [absPath] };
}

/** In an all-CRLF file the model sees LF lines (Read strips the CR), so its strings are matched as LF. */
function normalizeEdit(edit: EditSpec, format: TextFormat): EditSpec {
  if (format.lineEnding !== 'crlf') return edit;
  return { ...edit, old_string: edit.old_string.replace(/\r\n/g, '\n'), new_string: edit.new_string.replace(/\r\n/g, '\n') };
}

function snippet(text: string, changeOffset: number, contextLines: number): string {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const changeLine = text.slice(0, changeOffset).split('\n').length - 1;
  const from = Math.max(0, changeLine - contextLines);
  const to = Math.min(lines.length, changeLine + contextLines + 1);
  return lines.slice(from, to).map((line, i) => numberLine(from + i + 1, line)).join('\n');
}
