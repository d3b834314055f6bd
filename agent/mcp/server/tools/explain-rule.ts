import * as z from 'zod';
import { explainRule } from '../../../../tools/analyzers/index.js';
import { errorResult, guarded, textResult, type ToolRegistrar } from '../context.js';

export const registerExplainRule: ToolRegistrar = (server) => {
  server.registerTool(
    'explain_rule',
    {
      title: 'Explain an analyzer rule',
      description:
        'What a rule checks, its default severity, whether `fix` repairs it, and its upstream equivalents. Accepts our ids ' +
        '(DL3006, DE…, KUBE-…, COMPOSE-…) and aliases (Trivy KSV-…, Checkov CKV_…, kube-score, Polaris).',
      inputSchema: { rule: z.string().min(1).describe('A rule id or alias, e.g. DL3008 or CKV_K8S_16') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guarded(async () => {
        const rule = await explainRule(args.rule);
        if (!rule) return errorResult(`unknown rule '${args.rule}'`);
        const lines = [
          `${rule.id} (${rule.kind}, ${rule.severity}${rule.optional ? ', off unless enabled' : ''}): ${rule.title}`,
          `Fixable by the fix tool: ${rule.fixable ? 'yes' : 'no'}`,
          ...(rule.aliases.length ? [`Also known as: ${rule.aliases.join(', ')}`] : []),
          ...(rule.helpUri ? [`More: ${rule.helpUri}`] : []),
        ];
        return textResult(lines.join('\n'), rule as unknown as Record<string, unknown>);
      }),
  );
};
