/**
 * Claude Code's MCP output limit: about 25k tokens per result (`MAX_MCP_OUTPUT_TOKENS`), which a tool may raise
 * through `_meta["anthropic/maxResultSizeChars"]` up to a 500k-character ceiling. Longer output is cut for the
 * model and kept whole in the session folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const DEFAULT_MCP_OUTPUT_MAX_TOKENS = 25_000;
/** The rough token estimate used for the limit (as Claude Code's). */
export const CHARS_PER_TOKEN = 4;
/** The most a tool's `_meta["anthropic/maxResultSizeChars"]` may raise its limit to. */
export const MAX_RESULT_SIZE_CHARS_CEILING = 500_000;
export const RESULT_SIZE_META_KEY = 'anthropic/maxResultSizeChars';
/** Sub-folder of the session folder that keeps outputs cut for the model. */
export const CUT_OUTPUT_FOLDER = 'mcp-output';

/** The character limit for one tool: the token limit, raised (never lowered) by the tool's own `_meta`, within the ceiling. */
export function outputLimitChars(maxTokens: number, toolMeta: Record<string, unknown> | undefined): number {
  const base = maxTokens * CHARS_PER_TOKEN;
  const requested = toolMeta?.[RESULT_SIZE_META_KEY];
  const raised = typeof requested === 'number' && Number.isFinite(requested) ? Math.max(base, requested) : base;
  return Math.min(raised, Math.max(base, MAX_RESULT_SIZE_CHARS_CEILING));
}

/** Returns the text unchanged when it fits; otherwise its head plus a note saying where the whole text was saved. */
export async function capOutput(text: string, limitChars: number, sessionDir: string, label: string): Promise<string> {
  if (text.length <= limitChars) return text;
  let where: string;
  try {
    const dir = path.join(sessionDir, CUT_OUTPUT_FOLDER);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${label.replace(/[^A-Za-z0-9_-]/g, '_')}-${Date.now()}-${randomBytes(3).toString('hex')}.txt`);
    await writeFile(file, text);
    where = `the whole output is saved in ${file}`;
  } catch (err) {
    where = `the whole output could not be saved (${(err as Error).message})`;
  }
  const tokens = Math.ceil(text.length / CHARS_PER_TOKEN);
  return `${text.slice(0, limitChars)}\n\n[output cut: ${limitChars} of ${text.length} characters shown (about ${tokens} tokens); ${where}]`;
}
