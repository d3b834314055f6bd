import * as z from 'zod';
import { fixPaths } from '../../../../tools/analyzers/index.js';
import { formatText } from '../../../../tools/analyzers/report/text.js';
import { guarded, textResult, errorResult, type ToolRegistrar } from '../context.js';
import { pathsInsideRoot } from './check.js';

export const registerFix: ToolRegistrar = (server, ctx) => {
  server.registerTool(
    'fix',
    {
      title: 'Apply the safe fixes',
      description:
        'Applies the analyzers\' safe, mechanical fixes. With `paths` (files or folders under the served folder) it ' +
        'rewrites those files and reports each change and the findings left; with `text` (a Dockerfile) it returns the ' +
        'fixed text and writes nothing.',
      inputSchema: {
        paths: z.array(z.string()).optional().describe('Files or folders to fix in place, relative to the served folder'),
        text: z.string().optional().describe('A Dockerfile to fix without writing anything'),
        rules: z.array(z.string()).optional().describe('Only these rule ids (Dockerfile text only)'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      guarded(async () => {
        if (args.text !== undefined) {
          if (args.paths?.length) return errorResult('give either `paths` or `text`, not both');
          const { fixDockerfile } = await import('../../../../tools/analyzers/dockerfile/index.js');
          const fixed = await fixDockerfile(args.text, { file: 'Dockerfile', rules: args.rules });
          const summary = fixed.changes.length
            ? fixed.changes.map((c) => `line ${c.line} ${c.rule}: ${c.description}`).join('\n')
            : 'Nothing to fix.';
          return textResult(`${summary}\n\n--- fixed Dockerfile ---\n${fixed.text}`, { text: fixed.text, changes: fixed.changes });
        }
        if (!args.paths?.length) return errorResult('give `paths` to fix in place, or `text`');
        const report = await fixPaths(await pathsInsideRoot(ctx, args.paths), { cwd: ctx.root, threshold: 'none' });
        return textResult(formatText(report, { color: false }), report as unknown as Record<string, unknown>);
      }),
  );
};
