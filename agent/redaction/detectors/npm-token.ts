import type { Detector } from '../types.js';
import { patternDetector } from './pattern.js';

const parts = [
  patternDetector('npm-token', /\b(?<value>npm_[A-Za-z0-9]{36})\b/),
  // .npmrc: `//registry.example/:_authToken=…`, `_auth=…`, `_password=…`.
  patternDetector('npm-token', /(?:^|[\s:])_(?:authToken|auth|password)\s*=\s*["']?(?<value>[^\s"'$][^\s"']{5,})/m),
];

/** npm access tokens and the credentials of an .npmrc. */
export const npmToken: Detector = { kinds: ['npm-token'], find: (text) => parts.flatMap((p) => p.find(text)) };
