import { DefinitionError } from './errors.js';

export interface SplitFile {
  /** The YAML between the `---` fences. */
  yaml: string;
  /** 1-based line of the file where the YAML starts (the line after the opening fence). */
  yamlStartLine: number;
  body: string;
}

/** Upper bound on a definition file; bigger ones are refused rather than parsed (`--max-definition-bytes`). */
export const DEFAULT_MAX_DEFINITION_BYTES = 1024 * 1024;

/** Decodes strict UTF-8, naming the line of the first invalid byte. */
export function decodeDefinition(file: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_DEFINITION_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new DefinitionError(file, 1, `file is ${bytes.length} bytes, over the limit of ${maxBytes} (--max-definition-bytes)`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = 1 + bytes.subarray(0, bad).filter((b) => b === 0x0a).length;
    throw new DefinitionError(file, line, `not valid UTF-8 (first bad byte at offset ${bad}); save the file as UTF-8`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >> 5 === 0b110 ? 2 : b >> 4 === 0b1110 ? 3 : b >> 3 === 0b11110 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || bytes[i + k] >> 6 !== 0b10) return i;
    i += len;
  }
  return bytes.length;
}

/** Splits `---\n<yaml>\n---\n<body>`; tolerates a BOM, CRLF and trailing spaces on the fences. */
export function splitFrontmatter(file: string, text: string): SplitFile {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  if (lines[0]?.trimEnd() !== '---') {
    throw new DefinitionError(file, 1, 'missing YAML frontmatter: the file must start with a line `---`');
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (end < 0) throw new DefinitionError(file, 1, 'the frontmatter opened on line 1 is never closed with `---`');
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlStartLine: 2,
    body: lines.slice(end + 1).join('\n').trim(),
  };
}
