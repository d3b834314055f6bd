import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../agent/package-root.js';
import type { StepName } from './steps.js';

const cache = new Map<string, string>();

function promptFile(rel: string): string {
  let text = cache.get(rel);
  if (text === undefined) {
    text = readFileSync(path.join(packageRoot(), 'prompts', rel), 'utf8').trim();
    cache.set(rel, text);
  }
  return text;
}

export function stepInstructions(step: StepName): string {
  return promptFile(`steps/${step}.md`);
}

/** The workflow section of the system prompt: static for a definition, so the cached prefix never changes. */
export function workflowSystemText(targets: readonly string[]): string {
  return promptFile('workflow.md').replace('{{targets}}', targets.map((t) => `"${t}"`).join(' or '));
}
