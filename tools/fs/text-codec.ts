/** How a text file is stored, so an edit writes it back the same way (encoding, BOM, CRLF). */
export interface TextFormat {
  encoding: 'utf8' | 'utf16le';
  bom: boolean;
  /** 'crlf' only when every line break in the file is CRLF; mixed files are edited as they are. */
  lineEnding: 'lf' | 'crlf';
}

export interface DecodedText {
  /** The content without BOM, with CRLF turned into LF when the file is all-CRLF. */
  text: string;
  format: TextFormat;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

export function detectEncoding(head: Buffer): { encoding: TextFormat['encoding']; bom: boolean; bomLength: number } {
  if (head.subarray(0, 3).equals(UTF8_BOM)) return { encoding: 'utf8', bom: true, bomLength: 3 };
  if (head.subarray(0, 2).equals(UTF16LE_BOM)) return { encoding: 'utf16le', bom: true, bomLength: 2 };
  return { encoding: 'utf8', bom: false, bomLength: 0 };
}

/** Binary means a NUL byte in the sniffed head, unless a UTF-16 BOM says the NULs are text. */
export function looksBinary(head: Buffer, sniffBytes: number): boolean {
  if (detectEncoding(head).encoding === 'utf16le') return false;
  return head.subarray(0, sniffBytes).includes(0);
}

export function decodeText(bytes: Buffer): DecodedText {
  const { encoding, bom, bomLength } = detectEncoding(bytes);
  const raw = bytes.subarray(bomLength).toString(encoding);
  const crlf = raw.includes('\r\n') && !/(^|[^\r])\n/.test(raw);
  return {
    text: crlf ? raw.replace(/\r\n/g, '\n') : raw,
    format: { encoding, bom, lineEnding: crlf ? 'crlf' : 'lf' },
  };
}

export function encodeText(text: string, format: TextFormat): Buffer {
  const body = format.lineEnding === 'crlf' ? text.replace(/\r?\n/g, '\r\n') : text;
  const encoded = Buffer.from(body, format.encoding);
  if (!format.bom) return encoded;
  return Buffer.concat([format.encoding === 'utf16le' ? UTF16LE_BOM : UTF8_BOM, encoded]);
}
