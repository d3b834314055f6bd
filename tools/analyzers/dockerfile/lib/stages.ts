import type { From } from 'dockerfile-ast';
import type { DockerfileModel, Instr, Stage } from '../model.js';

/** Instructions of a stage and of the stages it builds on, oldest first. */
export function lineageInstructions(model: DockerfileModel, stage: Stage): Instr[] {
  return model
    .lineage(stage)
    .reverse()
    .flatMap((s) => s.instructions);
}

/** Stages whose filesystem ends up in the final image (the final stage and its FROM ancestors). */
export function finalLineage(model: DockerfileModel): Set<Stage> {
  const final = model.finalStage;
  return new Set(final ? model.lineage(final) : []);
}

export function byKeyword(instrs: Instr[], keyword: string): Instr[] {
  return instrs.filter((i) => i.keyword === keyword && !i.onbuild);
}

/** Whether a FROM names a real image (not `scratch`, not an earlier stage, not only a variable). */
export function isExternalImage(model: DockerfileModel, stage: Stage): boolean {
  const image = stage.image;
  if (!image || stage.parent) return false;
  if (image.toLowerCase() === 'scratch') return false;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(image)) return false;
  return !model.stages.some((s) => s.index < stage.index && s.name?.toLowerCase() === image.toLowerCase());
}

// One image-reference parser for every analyzer.
export { parseImageRef, type ImageRef } from '../../image-ref.js';

export function fromNode(stage: Stage): From {
  return stage.from.node;
}
