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

export interface ImageRef {
  registry?: string;
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry:5000/ns/name:tag@sha256:…`. */
export function parseImageRef(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  let registry: string | undefined;
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  return { registry, name: rest, tag, digest };
}

export function fromNode(stage: Stage): From {
  return stage.from.node;
}
