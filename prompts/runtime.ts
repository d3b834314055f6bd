/** The runtime's own part of the system prompt (prompts/runtime.md), filled once per run so it never changes mid-run. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../agent/package-root.js';

export interface RuntimePromptInput {
  cwd: string;
  platform: string;
  /** YYYY-MM-DD: a day, not a time, so the cached prefix survives the whole run. */
  date: string;
  model: string;
  tools: string[];
  /** Tool restrictions in words (e.g. which commands Bash may run). */
  toolPolicy?: string;
}

let template: string | undefined;

export function runtimePromptTemplate(): string {
  return (template ??= readFileSync(path.join(packageRoot(), 'prompts', 'runtime.md'), 'utf8').trim());
}

export function renderRuntimePrompt(input: RuntimePromptInput): string {
  const values: Record<string, string> = {
    cwd: input.cwd,
    platform: input.platform,
    date: input.date,
    model: input.model,
    tools: input.tools.length ? input.tools.join(', ') : 'none',
    tool_policy: input.toolPolicy ?? '',
  };
  return runtimePromptTemplate()
    .replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole)
    .replace(/\n{3,}/g, '\n\n');
}

/** A policy line from the definition's tool entries: `Bash(docker:*)` -> Bash may only run `docker ...`. */
export function toolPolicyText(rules: { tool: string; specifier?: string }[] | undefined): string {
  if (!rules) return '';
  const bySpec = new Map<string, string[]>();
  for (const r of rules) {
    if (r.specifier === undefined) continue;
    const list = bySpec.get(r.tool) ?? [];
    list.push(r.specifier.replace(/:\*$/, ' ...').replace(/\*$/, '...'));
    bySpec.set(r.tool, list);
  }
  return [...bySpec].map(([tool, specs]) => `${tool} is limited to: ${specs.map((s) => `\`${s}\``).join(', ')}; anything else is refused.`).join('\n');
}
