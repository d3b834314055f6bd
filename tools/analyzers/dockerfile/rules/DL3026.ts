import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
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
    return model.stages
      .filter((s) => isExternalImage(model, s) && !s.image.startsWith('$'))
      .filter((s) => !registryAllowed(parseImageRef(s.image).registry ?? 'docker.io', settings.trustedRegistries))
      .map((s) => hitAt(s.from, `registry of ${s.image} is not in trustedRegistries (${settings.trustedRegistries.join(', ')})`));
  },
};
