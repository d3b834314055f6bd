/**
 * Local stand-ins for base images (`--base-image NAME=LOCALREF`, or `baseImages` in a config file), for engines that
 * cannot reach a registry: the generator writes the local reference, so what it writes builds there.
 */
import { parseImageRef } from '../analyzers/image-ref.js';

export class BaseImageSpecError extends Error {}

/** `node:22-bookworm-slim=localhost/node:20-local` -> [name, ref]; the name may omit the tag (any tag then). */
export function parseBaseImageSpec(spec: string, where = '--base-image'): [string, string] {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq).trim();
  const ref = spec.slice(eq + 1).trim();
  if (eq <= 0 || !name || !ref) throw new BaseImageSpecError(`${where} ${JSON.stringify(spec)}: expected NAME=LOCALREF (e.g. node=localhost/node:20-local)`);
  for (const [what, value] of [['name', name], ['local reference', ref]] as const) {
    if (!(what === 'name' ? /^[a-z0-9*][a-z0-9._/:@*-]*$/ : /^[a-z0-9][a-z0-9._/:@-]*$/).test(value) || value.includes('..')) throw new BaseImageSpecError(`${where} ${JSON.stringify(spec)}: the ${what} ${JSON.stringify(value)} is not an image reference`);
  }
  return [name, ref];
}

/** Repository of a reference without registry defaults: `docker.io/library/node:22` -> `node`. */
function repositoryOf(ref: string): string {
  const { registry, repository } = parseImageRef(ref);
  const repo = registry && registry !== 'docker.io' ? `${registry}/${repository}` : repository;
  return repo.replace(/^library\//, '');
}

/**
 * The local stand-in for `image`: an exact entry first, then a pattern with `*` (`node:*-bookworm`; the longest that
 * matches wins), then one for its repository; else the image itself.
 */
export function mapBaseImage(map: Record<string, string> | undefined, image: string): string {
  if (!map) return image;
  if (map[image]) return map[image];
  const patterns = Object.keys(map).filter((k) => k.includes('*')).sort((a, b) => b.length - a.length);
  for (const p of patterns) {
    if (new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('[^/@]*')}$`).test(image)) return map[p];
  }
  const repo = repositoryOf(image);
  for (const [name, ref] of Object.entries(map)) {
    if (!name.includes('*') && !/[:@]/.test(name.split('/').pop() ?? '') && repositoryOf(name) === repo) return ref;
  }
  return image;
}
