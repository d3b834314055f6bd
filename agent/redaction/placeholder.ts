/** What a redacted value becomes, and how the file tools recognise one they must never write back. */
export const PLACEHOLDER_PREFIX = '[REDACTED:';

export function placeholder(kind: string): string {
  return `${PLACEHOLDER_PREFIX}${kind}]`;
}

const PLACEHOLDER = /\[REDACTED:[a-z0-9][a-z0-9-]*\]/g;

export function isPlaceholder(text: string): boolean {
  return /^\[REDACTED:[a-z0-9][a-z0-9-]*\]$/.test(text);
}

export function countPlaceholders(text: string): number {
  return text.match(PLACEHOLDER)?.length ?? 0;
}

/**
 * Why writing `next` over `current` (undefined: a new file) is refused, or undefined when it is fine: the write would
 * put more `[REDACTED:…]` placeholders into the file than it has, i.e. a placeholder where a real value was (or would go).
 */
export function placeholderWriteError(current: string | undefined, next: string, file: string): string | undefined {
  const added = countPlaceholders(next) - countPlaceholders(current ?? '');
  if (added <= 0) return undefined;
  return (
    `Refusing to write ${file}: the new text has ${added} more [REDACTED:…] placeholder(s) than the file. A placeholder stands ` +
    'for a secret that was hidden from you; writing it would replace the real value with the placeholder. Leave those lines ' +
    'as they are (edit around them with Edit, using an old_string that does not contain the placeholder). Nothing was written.'
  );
}

/** The hint added to Edit's "not found" error when old_string holds a placeholder: the file holds the real value. */
export function placeholderNotFoundHint(oldString: string): string {
  if (countPlaceholders(oldString) === 0) return '';
  return '\nold_string contains a [REDACTED:…] placeholder: the file holds the real value, which was hidden from you. Choose an old_string that does not include the redacted part.';
}
