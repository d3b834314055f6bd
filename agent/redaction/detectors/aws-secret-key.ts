import { patternDetector } from './pattern.js';

/** AWS secret access keys and session tokens, found by the names that carry them (the value alone is just base64). */
export const awsSecretKey = patternDetector(
  'aws-secret-key',
  /\b(?:aws_?secret_?access_?key|secret_?access_?key|aws_?session_?token|SecretAccessKey|SessionToken)["']?\s*[:=]\s*["']?(?<value>[A-Za-z0-9/+=]{40,})/i,
);
