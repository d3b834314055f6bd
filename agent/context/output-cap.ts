/**
 * Caps what one tool call sends to the model. The whole output is kept in the session folder, and the model is
 * told what was cut and where the rest is, so it can Read it in pieces.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Bash output sent to the model, as in Claude Code (BASH_MAX_OUTPUT_LENGTH). */
export const DEFAULT_BASH_OUTPUT_CHARS = 30_000;
/** Any other tool's output (about 25k tokens, like Claude Code's Read limit). */
export const DEFAULT_TOOL_OUTPUT_CHARS = 100_000;
/** Share of the kept characters taken from the end (errors and summaries come last). */
const TAIL_SHARE = 0.2;

export interface OutputCaps {
  bash: number;
  other: number;
}

export const DEFAULT_OUTPUT_CAPS: OutputCaps = { bash: DEFAULT_BASH_OUTPUT_CHARS, other: DEFAULT_TOOL_OUTPUT_CHARS };

export interface CappedOutput {
  content: string;
  truncated: boolean;
  /** Where the whole output was saved, when it was cut. */
  savedTo?: string;
}

export function capFor(toolName: string, caps: OutputCaps): number {
  return toolName === 'Bash' ? caps.bash : caps.other;
}

export async function capToolOutput(content: string, limit: number, saveDir: string, toolUseId: string): Promise<CappedOutput> {
  if (content.length <= limit) return { content, truncated: false };
  await mkdir(saveDir, { recursive: true });
  const savedTo = path.join(saveDir, `${toolUseId.replace(/[^\w.-]/g, '_')}.txt`);
  await writeFile(savedTo, content);
  const tailLength = Math.floor(limit * TAIL_SHARE);
  const head = content.slice(0, limit - tailLength);
  const tail = tailLength > 0 ? content.slice(content.length - tailLength) : '';
  const cutFrom = lineOf(content, head.length);
  const cutTo = lineOf(content, content.length - tailLength);
  const note =
    `\n\n[Output truncated: ${content.length - head.length - tail.length} of ${content.length} characters cut ` +
    `(lines ${cutFrom}-${cutTo}); the first ${head.length} and the last ${tail.length} are shown. ` +
    `The whole output is in ${savedTo}; use Read with offset and limit to see the rest.]\n\n`;
  return { content: head + note + tail, truncated: true, savedTo };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
