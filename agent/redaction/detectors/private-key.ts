import { patternDetector } from './pattern.js';

/**
 * PEM and OpenSSH private keys, whole (markers included), as text or inside a JSON string (`\n` escapes). Public keys
 * and certificates are public and stay.
 */
export const privateKey = patternDetector(
  'private-key',
  /(?<value>-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \2-----|$(?![\s\S])))/,
);
