/** Names that say a value is a credential. Shared by the literal-secret checks (K8s and Compose). */
const SENSITIVE_NAME = /(pass(word|wd|phrase)?($|_)|secret|token|api_?key|access_?key|private_?key|credential|auth_?key|client_?key|_key$|_key_content$|^key$)/i;
const NOT_SENSITIVE_NAME = /(_file|_path|_url|_uri|_host|_name|_user|_username|_id|_file_path|_ttl|_timeout|_length|_size|_enabled|_type|_header)$/i;
const PRIVATE_KEY_VALUE = /BEGIN [A-Z ]*PRIVATE KEY/;
/** Values that are references, placeholders or empty, not secrets. */
const PLACEHOLDER_VALUE = /^(\s*|\$\(.*\)|\$\{.*\}|\$[A-Za-z_][A-Za-z0-9_]*|<.*>|changeme|xxx+|true|false|yes|no|on|off)$/i;

export function isSensitiveName(name: string): boolean {
  const n = name.replace(/[-.]/g, '_');
  return SENSITIVE_NAME.test(n) && !NOT_SENSITIVE_NAME.test(n);
}

/** Whether `name=value` looks like a literal credential written into a manifest. */
export function looksLikeLiteralSecret(name: string, value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const v = String(value);
  if (PRIVATE_KEY_VALUE.test(v)) return true;
  if (!isSensitiveName(name)) return false;
  return !PLACEHOLDER_VALUE.test(v.trim()) || /^x{3,}$/i.test(v.trim());
}
