import { isReferenceValue } from '../names.js';
import { patternDetector } from './pattern.js';

/** The password of `scheme://user:password@host`; the user and host stay, a `${VAR}` reference is not a password. */
export const urlCredentials = patternDetector(
  'url-credentials',
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@'"]*:(?<value>[^\s/?#@'"]+)@[^\s/?#@'"]/i,
  (m) => !isReferenceValue(m.groups!.value),
);
