import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export const EXAMPLES = path.join(import.meta.dirname, '../../examples');

/** Fixture projects that detect as a stack (the bad-* and empty ones do not). */
export async function stackFixtures(): Promise<string[]> {
  return (await readdir(FIXTURES)).filter((n) => !n.startsWith('bad-') && n !== 'empty').sort();
}

export interface Stage {
  image: string;
  alias?: string;
  instructions: Instruction[];
}

/** Stages of a Dockerfile, parsed with dockerfile-ast (the parser our analyzer uses too). */
export function stagesOf(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instr of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instr.getKeyword();
    if (keyword === 'FROM') {
      const [image, as, alias] = instr.getArgumentsContent()!.split(/\s+/);
      stages.push({ image, alias: /^as$/i.test(as ?? '') ? alias : undefined, instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(instr);
    }
  }
  return stages;
}

export function flagsOf(instr: Instruction): string[] {
  const withFlags = instr as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  return (withFlags.getFlags?.() ?? []).map((f) => `${f.getName()}=${f.getValue() ?? ''}`);
}

/** Whether a build-context path is excluded by one of the .dockerignore lines. */
export function ignoredBy(file: string, dockerignore: string): string | undefined {
  const patterns = dockerignore.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  let match: string | undefined;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const pat = negated ? p.slice(1) : p;
    const hit = path.matchesGlob(file, pat) || path.matchesGlob(file, `${pat}/**`);
    if (hit) match = negated ? undefined : p;
  }
  return match;
}
