import { patternDetector } from './pattern.js';

/** A JSON Web Token: three base64url parts whose first decodes to a JSON header naming an `alg` (so `eyJ`-looking text alone is not enough). */
export const jwt = patternDetector('jwt', /\b(?<value>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_.-])/, (m) => {
  try {
    const header = JSON.parse(Buffer.from(m.groups!.value.split('.')[0], 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
});
