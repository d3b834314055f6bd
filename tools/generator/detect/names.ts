import path from 'node:path';

/** Kubernetes object names and image names: DNS label, at most this long. */
export const MAX_NAME_LENGTH = 63;

/** `@acme/My_API` -> `my-api`; falls back to `app` when nothing usable is left. */
export function toDnsLabel(raw: string | undefined, maxLength = MAX_NAME_LENGTH): string {
  const base = (raw ?? '').split('/').pop() ?? '';
  const label = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return label || 'app';
}

/** Name from the manifest, else from the folder. */
export function projectName(declared: string | undefined, root: string): string {
  return toDnsLabel(declared || path.basename(path.resolve(root)));
}
