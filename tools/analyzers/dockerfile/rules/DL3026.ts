import { hitAt } from '../rule.js';
import type { DockerfileModel, Instr, Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';
import { isExternalImage, parseImageRef } from '../lib/stages.js';

export function registryAllowed(registry: string, trusted: readonly string[]): boolean {
  return trusted.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) return registry.endsWith(pattern.slice(1)) || registry === pattern.slice(2);
    return registry === pattern || (pattern === 'docker.io' && registry === 'index.docker.io');
  });
}

export const DL3026: Rule = {
  id: 'DL3026',
  severity: 'error',
  description: 'Use only trusted registries in FROM (`trustedRegistries` in .hadolint.yaml).',
  aliases: [],
  check({ model, settings }) {
    if (settings.trustedRegistries.length === 0) return [];
    const allowed = (image: string) => image.startsWith('$') || image.toLowerCase() === 'scratch' || registryAllowed(parseImageRef(image).registry ?? 'docker.io', settings.trustedRegistries);
    const hits = model.stages
      .filter((s) => isExternalImage(model, s) && !allowed(s.image))
      .map((s) => hitAt(s.from, `registry of ${s.image} is not in trustedRegistries (${settings.trustedRegistries.join(', ')})`));
    // Images named by `COPY --from=` and `RUN --mount=…,from=` are pulled from a registry too, unless they name a stage.
    for (const instr of model.instructions) {
      const froms = instr.keyword === 'COPY' ? [copyArgs(instr).from] : instr.keyword === 'RUN' ? mountSources(instr) : [];
      for (const from of froms) {
        if (!from || /^\d+$/.test(from) || isEarlierStage(model, from, instr.start) || allowed(from)) continue;
        hits.push(hitAt(instr, `${instr.keyword} uses ${from}, whose registry is not in trustedRegistries (${settings.trustedRegistries.join(', ')})`));
      }
    }
    return hits.sort((a, b) => a.offset - b.offset);
  },
};

function mountSources(instr: Instr): string[] {
  const node = instr.node as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  return (node.getFlags?.() ?? []).filter((f) => f.getName() === 'mount').map((f) => /(?:^|,)from=([^,]+)/.exec(f.getValue() ?? '')?.[1]).filter((v): v is string => !!v);
}

function isEarlierStage(model: DockerfileModel, name: string, before: number): boolean {
  return model.stages.some((s) => s.from.start < before && s.name?.toLowerCase() === name.toLowerCase());
}
