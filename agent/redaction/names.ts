/**
 * Whether a setting's name says its value is a secret (`DB_PASSWORD`, `apiKey`, `client-secret`), and which kind.
 * Names that point at a secret instead of holding one (`PASSWORD_FILE`, `secretName`, `tokenPath`) are not.
 */
const KINDS: [RegExp, string][] = [
  [/(^|_)(pass(word|wd|phrase)?|pwd)(_|$)/, 'password'],
  [/(^|_)(api_?key|apikey|access_?key|private_?key|secret_?key|signing_?key|encryption_?key|master_?key|session_?key|account_?key)(_|$)/, 'api-key'],
  [/(^|_)(secret|client_secret|credentials?)(_|$)/, 'secret'],
  [/(^|_)(token|auth_?token|access_?token|refresh_?token|bearer|api_?token)(_|$)/, 'token'],
];

/** Last words that make the name a reference, a flag or metadata, not the secret itself. */
const NOT_A_VALUE = /_(file|path|dir|name|ref|id|url|uri|endpoint|env|type|length|len|ttl|expiry|expires|expiration|header|policy|enabled|required|prefix|suffix|mode|version|count|hash|algorithm|key_?ref|secret_?ref|sha|digest|location|source|format|rotation|provider|store|stdin|min_length|max_length|reset_ttl|changed_at|updated_at)$/;

export function secretNameKind(name: string): string | undefined {
  const normal = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (normal === '' || NOT_A_VALUE.test(normal)) return undefined;
  for (const [pattern, kind] of KINDS) if (pattern.test(normal)) return kind;
  return undefined;
}

/** Values that are references or placeholders, not secrets: `${DB_PASS}`, `$(cat f)`, `<your-token>`, `****`, `null`. */
export function isReferenceValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 3) return true;
  if (/^\$\{[^}]*\}$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\(.*\)$|^\{\{.*\}\}$|^<[^<>]*>$|^%\(?[A-Za-z_]+\)?s?%?$/.test(v)) return true;
  if (/^[*xX•.#-]+$/.test(v)) return true;
  if (/^\[REDACTED:/.test(v)) return true;
  if (/^(null|none|nil|true|false|yes|no|undefined|required|optional)$/i.test(v)) return true;
  if (/^\d{1,5}$/.test(v) || /^\d+ bytes$/.test(v)) return true;
  // A path (`./pw.txt`, `/run/secrets/db`): where the secret is kept, not the secret.
  if (/^(?:\.{1,2}|~)?\/[\w.-]+(?:\/[\w.-]+)+$/.test(v)) return true;
  if (/^(file|env|vault|secretsmanager|ssm|op|awskms|gcpkms|azurekv):/i.test(v)) return true;
  return false;
}
