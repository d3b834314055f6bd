/** Name words that mark a credential (matched against `_`/`-`/camelCase-separated words). */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'privatekey']);
/** `KEY` counts only with one of these before it (`API_KEY`, `PRIVATE_KEY`, ...). */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'signing', 'encryption', 'master', 'client', 'auth', 'ssh']);
/** Names that hold a reference to a secret, not the secret. */
const REFERENCE_SUFFIX = new Set(['file', 'path', 'dir', 'url', 'uri', 'endpoint', 'name', 'id', 'type', 'length', 'len', 'min', 'max', 'policy', 'env', 'header', 'location', 'mount', 'enabled', 'required']);

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Ids that are half of a credential pair, though their last word says "id". */
const CREDENTIAL_IDS = new Set(['AWS_ACCESS_KEY_ID']);

/** Whether a variable name suggests it carries a credential (`DB_PASSWORD`, `githubToken`, `AWS_SECRET_ACCESS_KEY`). */
export function isSensitiveName(name: string): boolean {
  if (CREDENTIAL_IDS.has(name.toUpperCase())) return true;
  const words = nameWords(name);
  if (words.length === 0 || REFERENCE_SUFFIX.has(words[words.length - 1])) return false;
  if (words.includes('public')) return false;
  return words.some((w, i) => SECRET_WORDS.has(w) || (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) || w === 'apikey');
}

const VALUE_PATTERNS: [string, RegExp][] = [
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Stripe live key', /\b[sr]k_live_[0-9A-Za-z]{20,}\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['private key', /-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY/],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['credentials in a URL', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@$]+:[^\s@/$]{3,}@[^\s/]+/i],
];

/** The kind of credential a literal value looks like, if any. */
const ANY_SECRET = new RegExp(VALUE_PATTERNS.map(([, re]) => re.source).join('|'), 'i');

export function secretValueKind(value: string): string | undefined {
  if (!ANY_SECRET.test(value)) return undefined;
  for (const [kind, re] of VALUE_PATTERNS) if (re.test(value)) return kind;
  return undefined;
}
