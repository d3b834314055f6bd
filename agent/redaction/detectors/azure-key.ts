import type { Detector } from '../types.js';
import { patternDetector } from './pattern.js';

const parts = [
  // Storage / Service Bus / Event Hubs connection strings.
  patternDetector('azure-key', /\b(?:AccountKey|SharedAccessKey|SharedSecretValue)\s*=\s*(?<value>[A-Za-z0-9+/]{20,}={0,2})/),
  // The signature of a shared access signature URL or token.
  patternDetector('azure-key', /[?&;]sig=(?<value>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/i),
  // Entra ID (Azure AD) client secrets: three characters, a digit, `Q~`, then 31 to 34 more.
  patternDetector('azure-key', /(?<![A-Za-z0-9_~.-])(?<value>[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/),
];

/** Azure storage and bus keys in connection strings, SAS signatures and Entra ID client secrets. */
export const azureKey: Detector = { kinds: ['azure-key'], find: (text) => parts.flatMap((p) => p.find(text)) };
