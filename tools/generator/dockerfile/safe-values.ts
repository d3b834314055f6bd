/**
 * Values taken from project files (binary names, project paths, jar names, module paths) end up in
 * COPY and RUN lines. A repository must not be able to add instructions or shell commands to the file
 * we generate, so anything outside a conservative character set is refused rather than quoted.
 */
/** Names may start with a dot (`.mvn`, `.python-version`); `.` and `..` segments are refused below. */
const SAFE_TOKEN = /^(?:\.\/)?[A-Za-z0-9_.][A-Za-z0-9._+@-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9._+@-]*)*$/;
const SAFE_ABSOLUTE = /^(?:\/[A-Za-z0-9_.][A-Za-z0-9._+@-]*){2,}$/;
const SAFE_HTTP_PATH = /^\/[A-Za-z0-9._~\/-]*$/;

export class UnsafeValueError extends Error {
  constructor(readonly field: string, readonly value: string) {
    super(`${field} ${JSON.stringify(value)} has characters that cannot go into a generated Dockerfile (allowed: letters, digits, . _ + @ - and / between names)`);
  }
}

/** `value` when it is a plain name or relative path (no `..`, spaces, quotes, `$`, `;`, newlines...). */
export function safeToken(value: string, field: string): string {
  if (value !== '.' && (!SAFE_TOKEN.test(value) || value.split('/').some((s) => s === '..' || s === '.'))) {
    if (!(value.startsWith('./') && SAFE_TOKEN.test(value) && !value.slice(2).split('/').some((s) => s === '..' || s === '.'))) throw new UnsafeValueError(field, value);
  }
  return value;
}

/** Whether a project-relative path can go into a generated Dockerfile as it is. */
export function isSafeToken(value: string): boolean {
  try {
    safeToken(value, 'path');
    return true;
  } catch {
    return false;
  }
}

/** An absolute folder inside the image (`/etc/todos`): at least two levels deep, plain names only. */
export function isSafeAbsolute(value: string): boolean {
  return SAFE_ABSOLUTE.test(value) && !value.split('/').some((s) => s === '..' || s === '.');
}

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The app name: it names the image, the compose service, Kubernetes objects and the manifest file. */
export function safeName(value: string): string {
  if (!DNS_LABEL.test(value)) throw new UnsafeValueError('name', value);
  return value;
}

/** An HTTP path for probes: it is spliced into node/python/bash probe scripts. */
export function safeHttpPath(value: string, field: string): string {
  if (!SAFE_HTTP_PATH.test(value) || value.includes('..')) throw new UnsafeValueError(field, value);
  return value;
}
