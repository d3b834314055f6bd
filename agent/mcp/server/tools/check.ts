import path from 'node:path';
import * as z from 'zod';
import { checkPaths, checkText } from '../../../../tools/analyzers/index.js';
import { formatText } from '../../../../tools/analyzers/report/text.js';
import type { Finding } from '../../../../tools/analyzers/types.js';
import { resolveInsideRoot } from '../confine.js';
import { errorResult, guarded, textResult, type ServerContext, type ToolRegistrar } from '../context.js';

export const FILE_KINDS = ['dockerfile', 'compose', 'kubernetes'] as const;

/** Paths as the analyzers want them: checked to be inside the root, then relative to it. */
export async function pathsInsideRoot(ctx: ServerContext, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths.length ? paths : ['.']) out.push(path.relative(ctx.root, await resolveInsideRoot(ctx.root, p)) || '.');
  return out;
}

export function findingLine(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}: ${f.message}`;
}

/** Checks that could not run (no ShellCheck binary), after the findings. */
function noticeLines(notices: string[]): string {
  return notices.map((n) => `\nNotice: ${n}`).join('');
}

export const registerCheck: ToolRegistrar = (server, ctx) => {
  server.registerTool(
    'check',
    {
      title: 'Check Dockerfiles, Compose files and Kubernetes manifests',
      description:
        'Offline analysis (hadolint-compatible Dockerfile rules, Compose and Kubernetes security/reliability checks). ' +
        'Give `paths` (files or folders under the served folder; default the whole folder) or `text` (one file\'s ' +
        'content, with `kind` or a `file` name to tell what it is). Returns the findings with rule ids, severities and lines.',
      inputSchema: {
        paths: z.array(z.string()).optional().describe('Files or folders, relative to the served folder'),
        text: z.string().optional().describe('The content of one file, instead of paths'),
        kind: z.enum(FILE_KINDS).optional().describe('What `text` is; default: detected'),
        file: z.string().optional().describe('Name reported for `text` (also used to detect its kind), e.g. Dockerfile'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guarded(async () => {
        if (args.text !== undefined) {
          if (args.paths?.length) return errorResult('give either `paths` or `text`, not both');
          const notices = new Set<string>();
          const findings = await checkText(args.text, { kind: args.kind, file: args.file ?? (args.kind === 'dockerfile' ? 'Dockerfile' : 'input'), onNotice: (n) => notices.add(n) });
          const text = (findings.length ? findings.map(findingLine).join('\n') : 'No findings.') + noticeLines([...notices]);
          return textResult(text, notices.size ? { findings, notices: [...notices] } : { findings });
        }
        const report = await checkPaths(await pathsInsideRoot(ctx, args.paths ?? []), { cwd: ctx.root, threshold: 'none' });
        return textResult(formatText(report, { color: false }) + noticeLines(report.notices ?? []), report as unknown as Record<string, unknown>);
      }),
  );
};
