import * as z from 'zod';
import { detectStack } from '../../../../tools/generator/detect-stack.js';
import { generateDockerfile } from '../../../../tools/generator/generate-dockerfile.js';
import { LANGUAGES } from '../../../../tools/generator/stack.js';
import { resolveInsideRoot } from '../confine.js';
import { errorResult, guarded, textResult, type ToolRegistrar } from '../context.js';

export const registerGenerateDockerfile: ToolRegistrar = (server, ctx) => {
  server.registerTool(
    'generate_dockerfile',
    {
      title: 'Generate a Dockerfile',
      description:
        'Detects the stack of a project folder (node, python, go, java, rust, dotnet, php, ruby) and returns a ' +
        'production Dockerfile and .dockerignore for it (multi-stage, non-root, pinned base line, healthcheck), ' +
        'with the decisions and notes behind them. Writes nothing.',
      inputSchema: {
        dir: z.string().default('.').describe('Project folder, relative to the served folder'),
        language: z.enum(LANGUAGES).optional().describe('Only consider this ecosystem (for projects holding several)'),
        port: z.number().int().min(1).max(65535).optional().describe('Port the app listens on; default: detected'),
        health_path: z.string().optional().describe('HTTP path probed by HEALTHCHECK; default: detected, else /health'),
        uid: z.number().int().min(1).optional().describe('Numeric uid the container runs as'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guarded(async () => {
        const dir = await resolveInsideRoot(ctx.root, args.dir);
        const stack = await detectStack(dir, { language: args.language });
        if (!stack) return errorResult(`no known project manifest in ${dir} (looked for ${LANGUAGES.join(', ')} projects)`);
        const out = generateDockerfile(stack, { port: args.port, healthPath: args.health_path, uid: args.uid });
        const text = [
          `Stack: ${stack.language} in ${dir}`,
          '',
          '--- Dockerfile ---',
          out.dockerfile.trimEnd(),
          '',
          '--- .dockerignore ---',
          out.dockerignore.trimEnd(),
          ...(out.notes.length ? ['', 'Notes:', ...out.notes.map((n) => `- ${n}`)] : []),
        ].join('\n');
        return textResult(text, { language: stack.language, dockerfile: out.dockerfile, dockerignore: out.dockerignore, notes: out.notes });
      }),
  );
};
