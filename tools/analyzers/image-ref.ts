/** A container image reference split into its parts (`registry/repository:tag@digest`). */
export interface ImageRef {
  registry: string | undefined;
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Parses an image reference the way Docker does: the first part is a registry only if it has a `.` or `:` or is `localhost`. */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
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
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  return { registry, repository: rest, tag, digest };
}

/** The registry an image is pulled from, `docker.io` when none is named. */
export function imageRegistry(image: string): string {
  return parseImageRef(image).registry ?? 'docker.io';
}

/** True when the reference holds an unexpanded variable (`${TAG}`, `$(VERSION)`, `{{ .Values.tag }}`): its tag is unknown. */
export function hasVariable(image: string): boolean {
  return /\$\{|\$\(|\{\{|\$[A-Za-z_]/.test(image);
}

/** Why an image reference floats (no tag, or `:latest`), or undefined when it is pinned or cannot be judged. */
export function floatingTagProblem(image: string): string | undefined {
  if (hasVariable(image)) return undefined;
  const ref = parseImageRef(image);
  if (ref.digest) return undefined;
  if (!ref.tag) return `uses image ${image} without a tag (it means :latest): pin a version`;
  if (ref.tag === 'latest') return `uses ${image}: :latest changes under you, pin a version`;
  return undefined;
}
