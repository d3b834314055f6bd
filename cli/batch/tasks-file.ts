import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';

/** One line of a tasks file: an id, a task, a folder, and any run option (camelCase CONTRACT names). */
export const batchTask = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    task: z.string().min(1),
    cwd: z.string().optional(),
    agent: z.string().optional(),
    agentsDir: z.string().optional(),
    model: z.string().optional(),
    maxTurns: z.number().int().positive().optional(),
    maxBudgetUsd: z.number().positive().optional(),
    permissionMode: z.enum(['default', 'plan', 'acceptEdits', 'bypassPermissions']).optional(),
    allow: z.array(z.string()).optional(),
    deny: z.array(z.string()).optional(),
    mcpConfig: z.string().optional(),
    /** Seconds for the whole task. */
    timeout: z.number().positive().optional(),
  })
  .strict();
export type BatchTask = z.infer<typeof batchTask> & { line: number };

/** Largest tasks file read (`--max-tasks-bytes`). */
export const DEFAULT_MAX_TASKS_BYTES = 16 * 1024 * 1024;

export class TasksFileError extends Error {}

/**
 * Reads a JSONL tasks file. Every bad line is reported (file:line: field: problem) before anything runs; blank lines
 * and lines starting with `#` are skipped. Relative `cwd` values are taken from the tasks file's folder.
 */
export async function readTasksFile(file: string, maxBytes = DEFAULT_MAX_TASKS_BYTES): Promise<BatchTask[]> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > maxBytes) throw new TasksFileError(`${file}: ${bytes.length} bytes, over the limit of ${maxBytes} (--max-tasks-bytes)`);
    text = bytes.toString('utf8');
  } catch (err) {
    if (err instanceof TasksFileError) throw err;
    throw new TasksFileError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const base = path.dirname(path.resolve(file));
  const tasks: BatchTask[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      problems.push(`${file}:${line}: not JSON: ${(err as Error).message}`);
      return;
    }
    if (json && typeof json === 'object' && !Array.isArray(json) && !('id' in json)) {
      problems.push(`${file}:${line}: id: missing (every task needs an id, a string or a number)`);
      return;
    }
    const parsed = batchTask.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}:${line}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
      return;
    }
    const cwd = path.resolve(base, parsed.data.cwd ?? '.');
    let folder = false;
    try {
      folder = statSync(cwd).isDirectory();
    } catch {
      folder = false;
    }
    if (!folder) {
      problems.push(`${file}:${line}: cwd: ${parsed.data.cwd ?? '.'} (${cwd}) is not a folder`);
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first) {
      problems.push(`${file}:${line}: id '${parsed.data.id}' is already used on line ${first}`);
      return;
    }
    seen.set(parsed.data.id, line);
    tasks.push({ ...parsed.data, cwd, line });
  });
  if (problems.length) throw new TasksFileError(problems.join('\n'));
  return tasks;
}

/** Ids that already have a result line in an output file (`--resume`); a torn last line is ignored. */
export async function finishedIds(outFile: string): Promise<Set<string>> {
  let text = '';
  try {
    text = await readFile(outFile, 'utf8');
  } catch {
    return new Set();
  }
  const ids = new Set<string>();
  for (const line of text.split('\n')) {
    try {
      const r = JSON.parse(line) as { id?: unknown; type?: unknown };
      if (r.type === 'result' && typeof r.id === 'string') ids.add(r.id);
    } catch {
      /* a torn line: that task runs again */
    }
  }
  return ids;
}
