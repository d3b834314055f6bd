/** `cat -n` layout, as Claude Code shows files: the number right-aligned in 6 columns, a tab, the line. */
export function numberLine(lineNumber: number, text: string): string {
  return `${String(lineNumber).padStart(6, ' ')}\t${text}`;
}

/** Cuts a line to `maxChars` characters, saying how much was left out (`alreadyDropped`: characters the caller never kept). */
export function cutLine(text: string, maxChars: number, alreadyDropped = 0): string {
  if (text.length + alreadyDropped <= maxChars) return text;
  return `${text.slice(0, maxChars)}… [line cut: ${text.length + alreadyDropped - maxChars} more characters]`;
}
