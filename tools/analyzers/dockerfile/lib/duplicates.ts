import type { DockerfileModel, Instr } from '../model.js';

/** Second and later instructions with this keyword in each stage. */
export function duplicatesPerStage(model: DockerfileModel, keyword: string): Instr[] {
  const out: Instr[] = [];
  for (const stage of model.stages) {
    const found = stage.instructions.filter((i) => i.keyword === keyword);
    out.push(...found.slice(1));
  }
  return out;
}
