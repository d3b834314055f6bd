/** One stretch of text a detector says must not leave the tool: `[start, end)` becomes `[REDACTED:<kind>]`. */
export interface Finding {
  start: number;
  end: number;
  kind: string;
}

/** One kind of secret (or a few close ones): finds where they are in a tool's output. */
export interface Detector {
  /** The kind(s) it reports, for the docs and the notice. */
  kinds: readonly string[];
  /** Parses YAML/JSON (also run on Read output without its line-number gutter). */
  structured?: boolean;
  find(text: string): Finding[];
}
