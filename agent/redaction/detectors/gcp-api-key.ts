import { patternDetector } from './pattern.js';

/** Google API keys (`AIza` and 35 more characters). */
export const gcpApiKey = patternDetector('gcp-api-key', /\b(?<value>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/);
