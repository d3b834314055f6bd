/**
 * PostToolUse: after Claude Code writes or edits a Dockerfile, Compose file or Kubernetes manifest, `check` it and hand
 * the findings to the model as `additionalContext` (it sees them on its next turn). Other files cost one name test.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostToolUseInput } from './input.js';

const FILE_WRITING_TOOLS = new Set(['Write', 'Edit', 'MultiEdit']);
/** Longest context handed back; the rest is cut with a line saying how to see all of it. */
export const MAX_CONTEXT_CHARS = 8_000;

export interface PostToolUseOptions {
  /** ShellCheck on RUN scripts (default: when a shellcheck binary is on PATH). */
  shellcheck?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The findings as text for the model, or undefined when there is nothing to say (not our kind of file, no findings). */
export async function decidePostToolUse(input: PostToolUseInput, options: PostToolUseOptions = {}): Promise<string | undefined> {
  if (!FILE_WRITING_TOOLS.has(input.tool_name)) return undefined;
  const filePath = input.tool_input.file_path;
  if (typeof filePath !== 'string' || filePath === '') return undefined;
  const { kindFromName, detectKind } = await import('../../tools/analyzers/detect.js');
  const byName = kindFromName(filePath);
  if (!byName) return undefined;
  const cwd = path.resolve(input.cwd);
  const file = path.resolve(cwd, filePath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined; // The tool failed to write it; Claude Code reports that itself.
  }
  const kind = detectKind(file, text);
  if (kind === 'unknown') return undefined;
  const { checkPaths } = await import('../../tools/analyzers/index.js');
  const { formatText } = await import('../../tools/analyzers/report/text.js');
  const report = await checkPaths([file], { cwd, kind, shellcheck: options.shellcheck === false ? false : { env: options.env ?? process.env } });
  if (report.findings.length === 0) return undefined;
  const shown = path.relative(cwd, file) || file;
  let body = formatText(report, { color: false }).trimEnd();
  if (body.length > MAX_CONTEXT_CHARS) body = `${body.slice(0, MAX_CONTEXT_CHARS)}\n... (cut; run \`docker-expert check ${shown}\` for all of it)`;
  return `docker-expert check found ${report.findings.length} problem${report.findings.length === 1 ? '' : 's'} in ${shown} (${kind}); fix them before going on:\n${body}`;
}

/** The JSON Claude Code reads from a PostToolUse hook's stdout; undefined: print nothing. */
export function postToolUseOutput(context: string | undefined): string | undefined {
  if (context === undefined) return undefined;
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: context } });
}
