import { mkdir, mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tool, ToolContext, ToolResult } from '../../tools/tool.js';
import { createFileReadState } from '../../tools/fs/index.js';

export interface Sandbox {
  root: string;
  ctx: ToolContext;
  path(rel: string): string;
  write(rel: string, content: string | Buffer, mtimeSeconds?: number): Promise<string>;
  run<I>(tool: Tool<I>, input: I): Promise<ToolResult>;
  cleanup(): Promise<void>;
}

/** A fresh project folder with a session context, as the runtime would give the tools. */
export async function makeSandbox(prefix = 'fs-tools-'): Promise<Sandbox> {
  const root = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  const ctx: ToolContext = {
    cwd: root,
    additionalDirs: [],
    signal: new AbortController().signal,
    sessionDir: join(root, '.session'),
    fileState: createFileReadState(),
  };
  return {
    root,
    ctx,
    path: (rel) => join(root, rel),
    async write(rel, content, mtimeSeconds) {
      const abs = join(root, rel);
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, content);
      if (mtimeSeconds !== undefined) await utimes(abs, mtimeSeconds, mtimeSeconds);
      return abs;
    },
    async run(tool, input) {
      // The runtime validates input with the tool's schema before calling it; so do the tests.
      const parsed = tool.inputSchema.parse(input);
      return tool.call(parsed, ctx);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
