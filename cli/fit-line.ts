/** One line of at most `width` characters: whitespace runs become one space, and a cut ends with an ellipsis. */
export function fitLine(s: string, width: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  const chars = [...one];
  return chars.length > width ? `${chars.slice(0, Math.max(1, width - 1)).join('')}…` : one;
}
